-- Scorecard and QA spot check (issue 6): the resolving owner and department snapshotted on each QA
-- review, the per-week draw marker, the per-question owner facts rollup, and their lookups.

-- AlterTable
ALTER TABLE "QaReview" ADD COLUMN "ownerId" UUID,
ADD COLUMN "departmentId" UUID;

-- CreateTable
CREATE TABLE "OwnerQuestionFact" (
    "questionId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "frDue" TIMESTAMPTZ(3),
    "respondedAt" TIMESTAMPTZ(3),
    "frAt" TIMESTAMPTZ(3),
    "frHolderId" UUID,
    "frMinutes" DOUBLE PRECISION,
    "resDue" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "pausedAt" TIMESTAMPTZ(3),
    "resAt" TIMESTAMPTZ(3),
    "resHolderId" UUID,
    "resolverId" UUID,
    "resolvedMinutes" DOUBLE PRECISION,
    "reopenCount" INTEGER NOT NULL,
    "handCount" INTEGER NOT NULL,
    "score" INTEGER,

    CONSTRAINT "OwnerQuestionFact_pkey" PRIMARY KEY ("questionId")
);

-- CreateTable
CREATE TABLE "QaDraw" (
    "weekStart" DATE NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "drawn" INTEGER NOT NULL,
    "drawnById" UUID,
    "drawnAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QaDraw_pkey" PRIMARY KEY ("weekStart")
);

-- CreateIndex
CREATE INDEX "Question_pingPongFlaggedAt_idx" ON "Question"("pingPongFlaggedAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_frAt_idx" ON "OwnerQuestionFact"("frAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_resAt_idx" ON "OwnerQuestionFact"("resAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_resolvedAt_idx" ON "OwnerQuestionFact"("resolvedAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_frHolderId_frAt_idx" ON "OwnerQuestionFact"("frHolderId", "frAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_resHolderId_resAt_idx" ON "OwnerQuestionFact"("resHolderId", "resAt");

-- CreateIndex
CREATE INDEX "OwnerQuestionFact_resolverId_resolvedAt_idx" ON "OwnerQuestionFact"("resolverId", "resolvedAt");

-- CreateIndex
CREATE INDEX "QaReview_reviewerId_gradedAt_idx" ON "QaReview"("reviewerId", "gradedAt");

-- CreateIndex
CREATE INDEX "QaReview_ownerId_weekStart_idx" ON "QaReview"("ownerId", "weekStart");

-- CreateIndex
CREATE INDEX "QaReview_weekStart_departmentId_idx" ON "QaReview"("weekStart", "departmentId");

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
