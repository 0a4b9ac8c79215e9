-- The language a user chose with the switch (POST /locale), read for the mail sent to them and for the
-- portal when the browser has no locale cookie. NULL means "never chose": the company default (zh-CN).
-- Nothing wrote the column before, so every stored 'zh-CN' is the old default, not a choice.

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "locale" DROP NOT NULL,
ALTER COLUMN "locale" DROP DEFAULT;

UPDATE "User" SET "locale" = NULL;
