-- A calendar row is either a year's official notice (entered by an admin) or a single company override.
CREATE TYPE "CalendarSource" AS ENUM ('OFFICIAL', 'OVERRIDE');

ALTER TABLE "CalendarOverride" ADD COLUMN "source" "CalendarSource" NOT NULL DEFAULT 'OVERRIDE';
