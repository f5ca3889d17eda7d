-- DropForeignKey
ALTER TABLE "plan_lines" DROP CONSTRAINT "plan_lines_sessionId_fkey";
