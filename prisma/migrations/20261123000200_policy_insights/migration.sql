-- Policy-owner insights (issue 6): daily and weekly rollups of the search rows and resolutions,
-- refreshed by lib/analytics/policy-rollup.ts.

-- CreateTable
CREATE TABLE "PolicyDailyStat" (
    "day" DATE NOT NULL,
    "policyId" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL,
    "searches" INTEGER NOT NULL,
    "searchesClicked" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "views" INTEGER NOT NULL,
    "viewsTimed" INTEGER NOT NULL,
    "viewMsTotal" BIGINT NOT NULL,
    "helpful" INTEGER NOT NULL,
    "notHelpful" INTEGER NOT NULL,

    CONSTRAINT "PolicyDailyStat_pkey" PRIMARY KEY ("day","policyId")
);

-- CreateTable
CREATE TABLE "PolicyClauseDailyStat" (
    "day" DATE NOT NULL,
    "policyId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "views" INTEGER NOT NULL,
    "viewsTimed" INTEGER NOT NULL,
    "viewMsTotal" BIGINT NOT NULL,
    "helpful" INTEGER NOT NULL,
    "notHelpful" INTEGER NOT NULL,

    CONSTRAINT "PolicyClauseDailyStat_pkey" PRIMARY KEY ("policyId","day","label")
);

-- CreateTable
CREATE TABLE "PolicyViewTimeStat" (
    "grain" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "policyId" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "views" INTEGER NOT NULL,
    "msTotal" BIGINT NOT NULL,

    CONSTRAINT "PolicyViewTimeStat_pkey" PRIMARY KEY ("grain","policyId","day","bucket")
);

-- CreateTable
CREATE TABLE "PolicyResolutionDailyStat" (
    "day" DATE NOT NULL,
    "policyId" TEXT NOT NULL,
    "ignored" INTEGER NOT NULL,
    "unclear" INTEGER NOT NULL,
    "searchMiss" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,

    CONSTRAINT "PolicyResolutionDailyStat_pkey" PRIMARY KEY ("day","policyId")
);

-- CreateTable
CREATE TABLE "QueryStat" (
    "id" BIGSERIAL NOT NULL,
    "grain" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "lineId" UUID,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL,
    "zeroResults" INTEGER NOT NULL,
    "noClicks" INTEGER NOT NULL,

    CONSTRAINT "QueryStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyDailyStat_policyId_day_idx" ON "PolicyDailyStat"("policyId", "day");

-- CreateIndex
CREATE INDEX "QueryStat_grain_lineId_day_idx" ON "QueryStat"("grain", "lineId", "day");

-- CreateIndex
CREATE INDEX "QueryStat_grain_day_idx" ON "QueryStat"("grain", "day");
