-- 登记台账 (issue 6): the complaint flags of one ledger page, and "contains" search on the matter
-- and the contact name.

-- CreateIndex
CREATE INDEX "Complaint_questionId_idx" ON "Complaint"("questionId");

-- drift-ignore: what follows is not in schema.prisma on purpose (tests/integration/migrations.test.ts skips it).
-- Trigram indexes serve ILIKE '%…%' for terms of three or more characters; pg_trgm comes from
-- 20261123000100_integrity. Shorter terms are scanned (≈150 ms over 100,000 questions).
CREATE INDEX IF NOT EXISTS "Question_body_trgm_idx" ON "Question" USING gin ("body" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "Question_contactName_trgm_idx" ON "Question" USING gin ("contactName" gin_trgm_ops);
