-- Issue 18 points 2 and 5: escalated managers act (instruct, reassign, extend, take over), the sweep
-- warns on a missed first response and expires unanswered handoffs, and urgency can be asked for,
-- confirmed or lowered. New event types and ownership/handoff states; the question keeps the urgency
-- reason, the first-response-breach marker and the owner's pending instruction.

-- AlterEnum
ALTER TYPE "QuestionEventType" ADD VALUE 'INSTRUCTED';
ALTER TYPE "QuestionEventType" ADD VALUE 'INSTRUCTION_ACKNOWLEDGED';
ALTER TYPE "QuestionEventType" ADD VALUE 'REASSIGNED';
ALTER TYPE "QuestionEventType" ADD VALUE 'DEADLINE_EXTENDED';
ALTER TYPE "QuestionEventType" ADD VALUE 'TAKEN_OVER';
ALTER TYPE "QuestionEventType" ADD VALUE 'URGENCY_CHANGED';
ALTER TYPE "QuestionEventType" ADD VALUE 'FIRST_RESPONSE_BREACHED';
ALTER TYPE "QuestionEventType" ADD VALUE 'HANDOFF_EXPIRED';
ALTER TYPE "OwnershipVia" ADD VALUE 'REASSIGNED';
ALTER TYPE "OwnershipVia" ADD VALUE 'TAKEN_OVER';
ALTER TYPE "HandoffStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "Question" ADD COLUMN "urgentReason" TEXT,
ADD COLUMN "urgencyReviewedAt" TIMESTAMPTZ(3),
ADD COLUMN "firstResponseBreachedAt" TIMESTAMPTZ(3),
ADD COLUMN "instructionNote" TEXT,
ADD COLUMN "instructedById" UUID,
ADD COLUMN "instructedAt" TIMESTAMPTZ(3);

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_instructedById_fkey" FOREIGN KEY ("instructedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
