-- AlterTable
ALTER TABLE "board_events" ALTER COLUMN "data" SET DATA TYPE JSON;
