-- Complaint review (issue 18): each complaint gets a reviewer and a time limit; the reviewer may ask
-- the owner for a statement, then upholds or rejects with a reason. The new event types record each
-- step in the question's audit trail.

-- AlterEnum
ALTER TYPE "QuestionEventType" ADD VALUE 'COMPLAINT_STATEMENT_REQUESTED' AFTER 'COMPLAINT_REVIEWED';
ALTER TYPE "QuestionEventType" ADD VALUE 'COMPLAINT_STATEMENT_GIVEN' AFTER 'COMPLAINT_STATEMENT_REQUESTED';
ALTER TYPE "QuestionEventType" ADD VALUE 'COMPLAINT_REVIEW_OVERDUE' AFTER 'COMPLAINT_STATEMENT_GIVEN';

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "reviewerId" UUID,
ADD COLUMN "reviewDueAt" TIMESTAMPTZ(3),
ADD COLUMN "overdueNotifiedAt" TIMESTAMPTZ(3),
ADD COLUMN "statementRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN "statementDueAt" TIMESTAMPTZ(3),
ADD COLUMN "statementNote" TEXT,
ADD COLUMN "statement" TEXT,
ADD COLUMN "statementAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Complaint_reviewerId_status_idx" ON "Complaint"("reviewerId", "status");

-- CreateIndex
CREATE INDEX "Complaint_status_reviewDueAt_idx" ON "Complaint"("status", "reviewDueAt");

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
