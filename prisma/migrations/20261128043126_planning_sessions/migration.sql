-- CreateEnum
CREATE TYPE "PlanningSessionStatus" AS ENUM ('open', 'adopted', 'closed');

-- CreateEnum
CREATE TYPE "PlanLineStatus" AS ENUM ('suggested', 'accepted', 'changed', 'declined');

-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "planId" UUID;

-- CreateTable
CREATE TABLE "planning_sessions" (
    "id" UUID NOT NULL,
    "boardId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "resourceSpecIds" UUID[],
    "regionKey" TEXT,
    "regionName" TEXT,
    "horizonWeeks" INTEGER NOT NULL,
    "firstWeek" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "PlanningSessionStatus" NOT NULL DEFAULT 'open',
    "createdById" UUID NOT NULL,
    "runCount" INTEGER NOT NULL DEFAULT 0,
    "snapshot" JSON NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "planning_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_lines" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "run" INTEGER NOT NULL,
    "sourceId" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "week" INTEGER NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,
    "distanceKm" DOUBLE PRECISION,
    "reasons" TEXT[],
    "kept" BOOLEAN NOT NULL DEFAULT false,
    "status" "PlanLineStatus" NOT NULL DEFAULT 'suggested',
    "answerReason" TEXT,
    "answeredById" UUID,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plans" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "adoptedById" UUID NOT NULL,
    "adoptedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "planning_sessions_boardId_createdAt_idx" ON "planning_sessions"("boardId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "plan_lines_sessionId_sourceId_idx" ON "plan_lines"("sessionId", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "plans_sessionId_key" ON "plans"("sessionId");

-- CreateIndex
CREATE INDEX "claims_planId_idx" ON "claims"("planId");

-- AddForeignKey
ALTER TABLE "claims" ADD CONSTRAINT "claims_planId_fkey" FOREIGN KEY ("planId") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planning_sessions" ADD CONSTRAINT "planning_sessions_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "planning_sessions" ADD CONSTRAINT "planning_sessions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "planning_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "planning_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_adoptedById_fkey" FOREIGN KEY ("adoptedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
