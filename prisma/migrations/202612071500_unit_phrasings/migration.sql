-- 常见问法 (issue 20 point 3): wordings that find a citable unit, learned from resolutions, clicks and
-- confirmed deflections or added by policy owners, and the people behind each (docs/decisions/0017).

CREATE TYPE "PhrasingSource" AS ENUM ('RESOLUTION', 'CLICK', 'DEFLECTION', 'OWNER');

CREATE TABLE "UnitPhrasing" (
    "id" UUID NOT NULL,
    "policyId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "source" "PhrasingSource" NOT NULL,
    "users" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedById" UUID,

    CONSTRAINT "UnitPhrasing_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "UnitPhrasingSignal" (
    "id" BIGSERIAL NOT NULL,
    "phrasingId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "source" "PhrasingSource" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitPhrasingSignal_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "UnitPhrasing_updatedAt_idx" ON "UnitPhrasing"("updatedAt");
CREATE UNIQUE INDEX "UnitPhrasing_policyId_label_key_key" ON "UnitPhrasing"("policyId", "label", "key");
CREATE UNIQUE INDEX "UnitPhrasingSignal_phrasingId_userId_key" ON "UnitPhrasingSignal"("phrasingId", "userId");

ALTER TABLE "UnitPhrasing" ADD CONSTRAINT "UnitPhrasing_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UnitPhrasing" ADD CONSTRAINT "UnitPhrasing_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "UnitPhrasing" ADD CONSTRAINT "UnitPhrasing_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "UnitPhrasingSignal" ADD CONSTRAINT "UnitPhrasingSignal_phrasingId_fkey" FOREIGN KEY ("phrasingId") REFERENCES "UnitPhrasing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UnitPhrasingSignal" ADD CONSTRAINT "UnitPhrasingSignal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
