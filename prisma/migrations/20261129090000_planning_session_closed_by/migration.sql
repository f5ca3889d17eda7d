-- Who closed a planning session without adopting it, and when: the session page says so, as it says who
-- adopted a plan. Sessions closed before this migration keep NULL here; their board's log still names
-- the steward (`planning.session_closed`).
ALTER TABLE "planning_sessions" ADD COLUMN "closedAt" TIMESTAMP(3),
ADD COLUMN "closedById" UUID;

ALTER TABLE "planning_sessions" ADD CONSTRAINT "planning_sessions_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
