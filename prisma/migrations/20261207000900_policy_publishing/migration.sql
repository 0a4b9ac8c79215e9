-- Policy documents published in the browser (issue 16): the original file and who published each
-- version, the retirement date, and uploads waiting for their preview to be published.

-- AlterTable
ALTER TABLE "Policy" ADD COLUMN "retiredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "PolicyVersion" ADD COLUMN "originalName" TEXT,
ADD COLUMN "originalType" TEXT,
ADD COLUMN "originalFile" BYTEA,
ADD COLUMN "publishedById" UUID,
ADD COLUMN "note" TEXT;

-- CreateTable
CREATE TABLE "PolicyUpload" (
    "id" UUID NOT NULL,
    "uploaderId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyUpload_uploaderId_createdAt_idx" ON "PolicyUpload"("uploaderId", "createdAt");

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyUpload" ADD CONSTRAINT "PolicyUpload_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
