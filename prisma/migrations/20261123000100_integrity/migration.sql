-- Guarantees that schema.prisma cannot express. The drift test ignores these objects on purpose.

-- Degraded-mode search (Meilisearch down) ranks sections with trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "PolicySection_text_trgm_idx" ON "PolicySection" USING gin ("text" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "Policy_title_trgm_idx" ON "Policy" USING gin ("title" gin_trgm_ops);

-- The question event log is the audit trail: append-only.
CREATE OR REPLACE FUNCTION shouwen_refuse_event_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'QuestionEvent is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "QuestionEvent_append_only"
  BEFORE UPDATE OR DELETE ON "QuestionEvent"
  FOR EACH ROW EXECUTE FUNCTION shouwen_refuse_event_change();
CREATE TRIGGER "QuestionEvent_no_truncate"
  BEFORE TRUNCATE ON "QuestionEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION shouwen_refuse_event_change();

-- At most one pending handoff per question: a second concurrent request conflicts.
CREATE UNIQUE INDEX IF NOT EXISTS "Handoff_one_pending_per_question"
  ON "Handoff" ("questionId") WHERE status = 'PENDING';

-- Scores are 1..5.
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_score_range" CHECK (score BETWEEN 1 AND 5);
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_grade_range" CHECK (grade IS NULL OR grade BETWEEN 1 AND 5);
