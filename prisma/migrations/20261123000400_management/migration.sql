-- CreateTable
CREATE TABLE "MgmtQuestionFact" (
    "id" BIGSERIAL NOT NULL,
    "questionId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 0,
    "day" DATE NOT NULL,
    "lineId" UUID NOT NULL,
    "departmentId" UUID,
    "n" INTEGER NOT NULL,
    "met" INTEGER NOT NULL,

    CONSTRAINT "MgmtQuestionFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MgmtStat" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "span" INTEGER NOT NULL,
    "lineId" UUID,
    "departmentId" UUID,
    "confirmed" INTEGER NOT NULL,
    "potential" INTEGER NOT NULL,
    "sessionsFiled" INTEGER NOT NULL,
    "filed" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,
    "resolvedExisting" INTEGER NOT NULL,
    "resolvedUnclear" INTEGER NOT NULL,
    "resolvedNoPolicy" INTEGER NOT NULL,
    "escalated" INTEGER NOT NULL,
    "complaints" INTEGER NOT NULL,
    "complaintsUpheld" INTEGER NOT NULL,
    "frDecided" INTEGER NOT NULL,
    "frMet" INTEGER NOT NULL,
    "rsDecided" INTEGER NOT NULL,
    "rsMet" INTEGER NOT NULL,

    CONSTRAINT "MgmtStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchQuery_askSessionId_idx" ON "SearchQuery"("askSessionId");

-- CreateIndex
CREATE INDEX "AskSession_startedAt_idx" ON "AskSession"("startedAt");

-- CreateIndex
CREATE INDEX "AskSession_closedAt_idx" ON "AskSession"("closedAt");

-- CreateIndex
CREATE INDEX "Question_resolvedAt_idx" ON "Question"("resolvedAt");

-- CreateIndex
CREATE INDEX "Question_updatedAt_idx" ON "Question"("updatedAt");

-- CreateIndex
CREATE INDEX "MgmtQuestionFact_questionId_idx" ON "MgmtQuestionFact"("questionId");

-- CreateIndex
CREATE INDEX "MgmtQuestionFact_day_idx" ON "MgmtQuestionFact"("day");

-- CreateIndex
CREATE INDEX "MgmtQuestionFact_kind_day_idx" ON "MgmtQuestionFact"("kind", "day");

-- CreateIndex
CREATE INDEX "MgmtStat_span_day_idx" ON "MgmtStat"("span", "day");
