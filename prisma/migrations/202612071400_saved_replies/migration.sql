-- 常用答复 (issue 18 point 6): saved replies per owner and per 条线, with placeholders filled on insert.

-- CreateTable
CREATE TABLE "SavedReply" (
    "id" UUID NOT NULL,
    "ownerId" UUID,
    "lineId" UUID,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedReply_ownerId_idx" ON "SavedReply"("ownerId");

-- CreateIndex
CREATE INDEX "SavedReply_lineId_idx" ON "SavedReply"("lineId");

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "BusinessLine"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- drift-ignore: guarantees Prisma cannot express
ALTER TABLE "SavedReply" ADD CONSTRAINT "SavedReply_one_scope" CHECK (("ownerId" IS NULL) <> ("lineId" IS NULL));
