// Browser tests run the real app (production build, fresh embedded database with the demo seeded) in
// Debian's Chromium: `npx playwright install` cannot download browsers on these machines. The app starts
// as `npm start` starts it (scripts/start.mjs: the built server under plain node, built first if stale).
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const chromium =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
// One folder, emptied before each run, so runs leave nothing behind but the last one.
const dataDir = path.resolve("test-data", "e2e");

// Keep Chromium's profile and caches inside the project, not in the home directory.
process.env.XDG_CONFIG_HOME ??= path.resolve(".config");
process.env.XDG_CACHE_HOME ??= path.resolve(".cache");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // Two files at a time against the one shared app: every spec makes its own people, boards and signals,
  // and a whole run passed this way on a machine loaded 4-8x over (5.2 min against 6.0 min one at a time).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: /phone\.spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } }, testMatch: /phone\.spec\.ts/ },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && node scripts/start.mjs`,
    url: `http://127.0.0.1:${port}/api/v1/boards`,
    // Enough for a build too, when the checkout's build is missing or stale.
    timeout: 300_000,
    reuseExistingServer: false,
    // The server logs JSON lines to stdout at LOG_LEVEL=warn: a slow request or an error shows in the run.
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      // Every browser test signs up and in from the loopback: one address for the whole run.
      SIGNIN_ATTEMPTS_PER_ADDRESS_PER_HOUR: "1000000",
      SIGNUPS_PER_ADDRESS_PER_HOUR: "1000000",
    },
  },
});
