-- The management dashboard counted every filed complaint next to the upheld ones; a complaint is not a
-- finding until decided (ADR 0020). MgmtStat now splits complaints filed in a period into decided (of
-- which upheld, as before) and awaiting review. The old column counted undecided ones as decided, so it
-- is dropped, not renamed; deleting the watermark makes the next refresh rebuild everything (ADR 0007).
ALTER TABLE "MgmtStat" DROP COLUMN "complaints";
ALTER TABLE "MgmtStat" ADD COLUMN "complaintsDecided" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MgmtStat" ADD COLUMN "complaintsAwaiting" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "MgmtStat" ALTER COLUMN "complaintsDecided" DROP DEFAULT;
ALTER TABLE "MgmtStat" ALTER COLUMN "complaintsAwaiting" DROP DEFAULT;
DELETE FROM "AppSetting" WHERE key = 'rollup.management.watermark';
