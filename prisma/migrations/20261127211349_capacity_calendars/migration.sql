-- CreateEnum
CREATE TYPE "RatePeriod" AS ENUM ('week');

-- AlterTable
ALTER TABLE "signals" ADD COLUMN     "ratePeriod" "RatePeriod",
ADD COLUMN     "rateQuantity" DECIMAL(14,3);

-- CreateTable
CREATE TABLE "claim_bookings" (
    "claimId" UUID NOT NULL,
    "signalId" UUID NOT NULL,
    "weekStart" DATE NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,

    CONSTRAINT "claim_bookings_pkey" PRIMARY KEY ("claimId","weekStart")
);

-- CreateIndex
CREATE INDEX "claim_bookings_signalId_weekStart_idx" ON "claim_bookings"("signalId", "weekStart");

-- AddForeignKey
ALTER TABLE "claim_bookings" ADD CONSTRAINT "claim_bookings_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_bookings" ADD CONSTRAINT "claim_bookings_signalId_fkey" FOREIGN KEY ("signalId") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE;
