-- AuditLog (admin changes, exports, refusals) is an audit trail like QuestionEvent: append-only,
-- for every role. The portal's own role cannot UPDATE, DELETE or TRUNCATE either table nor alter
-- or disable these triggers anyway (lib/db/app-role.ts); the triggers also hold for the owner.
CREATE OR REPLACE FUNCTION shouwen_refuse_audit_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

-- drift-ignore: Prisma knows nothing of triggers.
CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION shouwen_refuse_audit_change();
CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION shouwen_refuse_audit_change();
