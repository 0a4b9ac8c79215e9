-- Issue 14 items 4 and 5: idempotency keys on the creates a double click can repeat (complaint,
-- rating, policy feedback vote), and the sweep's own "next time there is something to do" per question,
-- so questions stuck at the top of the chart no longer fill every batch.

-- AlterTable
ALTER TABLE "Question" ADD COLUMN "sweepDueAt" TIMESTAMPTZ(3);
ALTER TABLE "Complaint" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "SatisfactionRating" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "ArticleFeedback" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE INDEX "Question_status_sweepDueAt_idx" ON "Question"("status", "sweepDueAt");
CREATE UNIQUE INDEX "Complaint_complainantId_idempotencyKey_key" ON "Complaint"("complainantId", "idempotencyKey");
CREATE UNIQUE INDEX "ArticleFeedback_userId_idempotencyKey_key" ON "ArticleFeedback"("userId", "idempotencyKey");
