import pino from "pino";

// One logger for the process; JSON lines in production, level from LOG_LEVEL.
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: undefined,
});
