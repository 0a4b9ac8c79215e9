-- The unique ("lineId", priority) index never held for the company default: its lineId is NULL, and
-- NULLs are distinct, so two admins saving the default at once stored two rows and limitsFor used
-- either. Duplicates are removed first (the row stored last, by physical position, is kept), then a
-- partial unique index makes the default one row per priority; saveTimeLimit upserts on it.
DELETE FROM "TimeLimitPolicy" a USING "TimeLimitPolicy" b
WHERE a."lineId" IS NULL AND b."lineId" IS NULL AND a.priority = b.priority AND a.ctid < b.ctid;
-- drift-ignore (a partial index: Prisma's schema language cannot say it)
CREATE UNIQUE INDEX "TimeLimitPolicy_default_priority_key" ON "TimeLimitPolicy"(priority) WHERE "lineId" IS NULL;
