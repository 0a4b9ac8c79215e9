-- 钉钉 / 飞书 signed webhooks (加签, issue 18.3): the bot's signing secret per user and channel, kept
-- beside the webhook address it belongs to. The app role already has the table's privileges.

-- AlterTable
ALTER TABLE "NotificationPreference" ADD COLUMN "secret" TEXT;
