/*
  Warnings:

  - A unique constraint covering the columns `[boardId,externalId]` on the table `signals` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "boards" ADD COLUMN     "importMaxQuantity" DECIMAL(14,3) NOT NULL DEFAULT 1000000;

-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "externalId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "signals_boardId_externalId_key" ON "signals"("boardId", "externalId");
