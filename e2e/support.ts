// Shared helpers for the browser tests: demo people, signing in, posting fixtures through the public
// API, and the few checks several specs make (live indicator, "no reload happened", no sideways scroll).
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO = {
  ada: { email: "maker@demo.stigmergy.board", name: "Ada Okafor" },
  lena: { email: "coordinator@demo.stigmergy.board", name: "Lena Hoffmann" },
  marta: { email: "clinic@demo.stigmergy.board", name: "Marta Puig" },
} as const;
export type DemoPerson = (typeof DEMO)[keyof typeof DEMO];

/** A seeded resource every demo board can use; its unit is "each". */
export const EAR_SAVER = "Ear saver strap (printed, PETG or PLA)";

/** Unique per call, so runs against the same database never collide on titles or emails. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs a request context (a browser context's `.request`, or a standalone one) in with a session cookie. */
export async function signInApi(request: APIRequestContext, person: DemoPerson): Promise<void> {
  const res = await request.post("/api/v1/sessions", { data: { email: person.email, password: DEMO_PASSWORD } });
  expect(res.status(), `sign-in of ${person.email}`).toBe(201);
}

/** A fresh browser context signed in as `person` (cookie set through the API, as a returning visitor). */
export async function signedInContext(browser: Browser, person: DemoPerson): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await signInApi(context.request, person);
  const page = await context.newPage();
  return { context, page };
}

/** Posts a signal through API v1 as whoever `request` is signed in as; answers the created signal. */
export async function postSignalApi(
  request: APIRequestContext,
  body: { title: string; quantity: number; kind?: string; resource?: string; slug?: string; note?: string },
): Promise<{ id: string; title: string; quantity: number; unit: string }> {
  const specs = await request.get("/api/v1/resource-specs", { params: { q: "Ear saver" } });
  expect(specs.ok()).toBe(true);
  const items = (await specs.json()).items as Array<{ id: string; name: string }>;
  const spec = items.find((s) => s.name === (body.resource ?? EAR_SAVER));
  expect(spec, "the seeded ear-saver resource").toBeTruthy();
  const res = await request.post(`/api/v1/boards/${body.slug ?? "commons"}/signals`, {
    data: { kind: body.kind ?? "need", resourceSpecId: spec!.id, quantity: body.quantity, title: body.title, note: body.note },
  });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

export function liveStatus(page: Page): Locator {
  return page.getByTestId("live-status");
}

/** The page's stream is live: the indicator says so in its attribute and in words. */
export async function expectLive(page: Page, timeout = 15_000): Promise<void> {
  await expect(liveStatus(page)).toHaveAttribute("data-status", "live", { timeout });
  await expect(liveStatus(page)).toContainText(/^Live\s*·\s*\d+ viewing$/);
}

/** How many viewers the indicator reports, or NaN when it does not show a count. */
export async function viewerCount(page: Page): Promise<number> {
  const text = (await liveStatus(page).textContent()) ?? "";
  const m = text.match(/(\d+)\s+viewing/);
  return m ? Number(m[1]) : Number.NaN;
}

/**
 * Leaves a mark on the page's window. A full reload or a server navigation wipes it, so finding it
 * later proves the page changed in place (client-side updates or client-side routing only).
 */
export async function markWindow(page: Page): Promise<string> {
  const mark = unique("mark");
  await page.evaluate((m) => {
    (window as unknown as { __marker?: string }).__marker = m;
  }, mark);
  return mark;
}

export async function expectSameWindow(page: Page, mark: string): Promise<void> {
  const found = await page.evaluate(() => (window as unknown as { __marker?: string }).__marker ?? null);
  expect(found, "the page was not reloaded").toBe(mark);
}

/** The board card whose title is exactly `title`. */
export function signalCard(page: Page, title: string): Locator {
  return page.getByTestId("signal-card").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

/** The page scrolls only vertically: nothing sticks out sideways. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`).toBeLessThanOrEqual(clientWidth);
}

/** The element that has keyboard focus shows a focus ring (the app draws it as an outline). */
export async function expectVisibleFocus(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused();
  const ring = await locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      focusVisible: el.matches(":focus-visible"),
      outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
    };
  });
  expect(ring.focusVisible, "focus came from the keyboard (:focus-visible)").toBe(true);
  expect(ring.outline, "the focused element draws a focus ring").toBe(true);
}

// ---- the Content-Security-Policy (csp.spec.ts and the pages that bring their own libraries) ----

export interface Violations {
  events: string[];
  console: string[];
}

/** Collects CSP violations from the page (as the page sees them) and from Chromium's console. */
export async function watchCsp(page: Page): Promise<Violations> {
  const found: Violations = { events: [], console: [] };
  await page.exposeFunction("__reportCspViolation", (v: string) => found.events.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: string) => void }).__reportCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) found.console.push(m.text());
  });
  return found;
}

export async function expectNoCspViolation(found: Violations, where: string) {
  expect(found.events, `CSP violation events on ${where}`).toEqual([]);
  expect(found.console, `CSP console errors on ${where}`).toEqual([]);
}
