-- A session's snapshot (megabytes of JSON, written once, read whole) is stored out of line without
-- compression: compressing 12 MB cost its opening ~0.2 s on the embedded database (ADR 036).
ALTER TABLE "planning_sessions" ALTER COLUMN "snapshot" SET STORAGE EXTERNAL;
