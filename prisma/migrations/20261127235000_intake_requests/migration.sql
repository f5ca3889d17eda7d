-- CreateEnum
CREATE TYPE "IntakeStatus" AS ENUM ('pending', 'accepted', 'rejected');

-- AlterTable
ALTER TABLE "boards" ADD COLUMN     "intakeEnabled" BOOLEAN;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "createdByIntake" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "intake_requests" (
    "id" UUID NOT NULL,
    "boardId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "facilityName" TEXT NOT NULL,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "placeName" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "resourceSpecId" UUID,
    "resourceText" TEXT,
    "quantity" DECIMAL(14,3) NOT NULL,
    "neededBy" TIMESTAMP(3),
    "note" TEXT,
    "status" "IntakeStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "signalId" UUID,
    "organizationId" UUID,
    "rejectionReason" TEXT,

    CONSTRAINT "intake_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "intake_requests_reference_key" ON "intake_requests"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "intake_requests_signalId_key" ON "intake_requests"("signalId");

-- CreateIndex
CREATE INDEX "intake_requests_boardId_status_createdAt_idx" ON "intake_requests"("boardId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_resourceSpecId_fkey" FOREIGN KEY ("resourceSpecId") REFERENCES "resource_specs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_signalId_fkey" FOREIGN KEY ("signalId") REFERENCES "signals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "intake_requests" ADD CONSTRAINT "intake_requests_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
