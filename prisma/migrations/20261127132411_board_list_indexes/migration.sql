-- DropIndex
DROP INDEX "board_events_signalId_idx";

-- CreateIndex
CREATE INDEX "board_events_signalId_seq_idx" ON "board_events"("signalId", "seq");

-- CreateIndex
CREATE INDEX "signals_boardId_createdAt_id_idx" ON "signals"("boardId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "signals_boardId_refreshedAt_idx" ON "signals"("boardId", "refreshedAt" DESC);

-- CreateIndex
CREATE INDEX "signals_boardId_resourceSpecId_kind_idx" ON "signals"("boardId", "resourceSpecId", "kind");
