// Demo data for Stigmergy Board (prisma/demo/): pure data and types, no Prisma, no clock. The conventions
// the seed runner relies on are at the top of prisma/demo/types.ts and checked by prisma/seed-data.test.ts.
import { demoCapacity, demoStock } from "./demo/offers";
import { demoNeeds, demoOrders } from "./demo/requests";
import type { DemoSignal } from "./demo/types";

export * from "./demo/types";
export { demoBoards, demoOrgs, demoUsers } from "./demo/people";
export { demoSpecs } from "./demo/specs";

/** Every demo signal, in the order they are seeded: needs, capacity, stock, orders. */
export const demoSignals: DemoSignal[] = [...demoNeeds, ...demoCapacity, ...demoStock, ...demoOrders];
