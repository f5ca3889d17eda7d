-- CreateEnum
CREATE TYPE "EconomicAction" AS ENUM ('produce', 'consume', 'transfer', 'transferCustody', 'move', 'use', 'work', 'raise', 'lower');

-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "inventoryOfId" UUID;

-- CreateTable
CREATE TABLE "economic_events" (
    "id" UUID NOT NULL,
    "boardId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" "EconomicAction" NOT NULL,
    "resourceSpecId" UUID NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,
    "unit" TEXT NOT NULL,
    "providerId" UUID NOT NULL,
    "receiverId" UUID NOT NULL,
    "locationName" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "toLocationName" TEXT,
    "toLat" DOUBLE PRECISION,
    "toLng" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" UUID,
    "note" TEXT,
    "claimId" UUID,
    "correctsId" UUID,
    "hash" TEXT NOT NULL,
    "previousHash" TEXT NOT NULL,

    CONSTRAINT "economic_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_heads" (
    "boardId" UUID NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "headHash" TEXT NOT NULL,

    CONSTRAINT "ledger_heads_pkey" PRIMARY KEY ("boardId")
);

-- CreateTable
CREATE TABLE "economic_resources" (
    "boardId" UUID NOT NULL,
    "agentId" UUID NOT NULL,
    "resourceSpecId" UUID NOT NULL,
    "locationKey" TEXT NOT NULL,
    "locationName" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "onHand" DECIMAL(14,3) NOT NULL,
    "accounting" DECIMAL(14,3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "economic_resources_pkey" PRIMARY KEY ("boardId","agentId","resourceSpecId","locationKey")
);

-- CreateIndex
CREATE INDEX "economic_events_boardId_providerId_seq_idx" ON "economic_events"("boardId", "providerId", "seq");

-- CreateIndex
CREATE INDEX "economic_events_boardId_receiverId_seq_idx" ON "economic_events"("boardId", "receiverId", "seq");

-- CreateIndex
CREATE INDEX "economic_events_boardId_resourceSpecId_seq_idx" ON "economic_events"("boardId", "resourceSpecId", "seq");

-- CreateIndex
CREATE INDEX "economic_events_claimId_idx" ON "economic_events"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "economic_events_boardId_seq_key" ON "economic_events"("boardId", "seq");

-- CreateIndex
CREATE INDEX "economic_resources_boardId_resourceSpecId_idx" ON "economic_resources"("boardId", "resourceSpecId");

-- CreateIndex
CREATE INDEX "signals_inventoryOfId_resourceSpecId_idx" ON "signals"("inventoryOfId", "resourceSpecId");

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_inventoryOfId_fkey" FOREIGN KEY ("inventoryOfId") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_resourceSpecId_fkey" FOREIGN KEY ("resourceSpecId") REFERENCES "resource_specs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_receiverId_fkey" FOREIGN KEY ("receiverId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "claims"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_events" ADD CONSTRAINT "economic_events_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "economic_events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_heads" ADD CONSTRAINT "ledger_heads_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_resources" ADD CONSTRAINT "economic_resources_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_resources" ADD CONSTRAINT "economic_resources_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "economic_resources" ADD CONSTRAINT "economic_resources_resourceSpecId_fkey" FOREIGN KEY ("resourceSpecId") REFERENCES "resource_specs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The ledger is append-only (ADR 021): mistakes are fixed by a correcting event, never by editing or
-- deleting one. The database itself refuses UPDATE, DELETE and TRUNCATE, so no code path of the app can
-- rewrite history by accident. It is not a defence against the database's owner (who can drop the
-- trigger): that is what the hash chain is for. Tests that tamper on purpose switch triggers off for one
-- transaction with `SET LOCAL session_replication_role = replica`, which only a superuser may do.
CREATE FUNCTION "economic_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'economic_events is append-only: record a correcting event instead (%)', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER "economic_events_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "economic_events"
  FOR EACH ROW EXECUTE FUNCTION "economic_events_append_only"();

CREATE TRIGGER "economic_events_no_truncate"
  BEFORE TRUNCATE ON "economic_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "economic_events_append_only"();
