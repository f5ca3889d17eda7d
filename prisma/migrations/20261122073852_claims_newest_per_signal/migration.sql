-- DropIndex
DROP INDEX "claims_signalId_idx";

-- CreateIndex
CREATE INDEX "claims_signalId_createdAt_id_idx" ON "claims"("signalId", "createdAt" DESC, "id" DESC);
