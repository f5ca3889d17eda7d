import { describe, expect, it } from "vitest";
import { listSignalsQuerySchema } from "../domain/schemas";
import { CURSOR_MAX_EVENTS, CURSOR_TTL_MS, decodeCursor, encodeCursor } from "./list-cursor";

const NOW = new Date("2026-11-27T12:00:00Z");
const query = (q: Record<string, string>) => listSignalsQuerySchema.parse(q);
const ID = "0b6f3c1e-8a52-4c1e-9d6a-2f1f8e7d6c5b";

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? "thrown";
  }
}

describe("list cursors", () => {
  const base = query({ sort: "intensity" });
  const cursor = { t: NOW.getTime() - 1000, w: 40, k: [0.123456789012345, NOW.getTime() - 5000, ID] };
  const text = encodeCursor(base, cursor);
  const withCursor = (q: Record<string, string>, c = text) => query({ ...q, cursor: c });

  it("round-trips the scoring time, the watermark and the key, floats exactly", () => {
    expect(decodeCursor(withCursor({ sort: "intensity" }), 40, NOW)).toEqual(cursor);
    expect(decodeCursor(base, 40, NOW)).toBeNull();
    expect(text.length).toBeLessThan(200);
  });

  it("belongs to one list: another sort or other filters are invalid input", () => {
    expect(code(() => decodeCursor(withCursor({ sort: "new" }), 40, NOW))).toBe("VALIDATION_FAILED");
    expect(code(() => decodeCursor(withCursor({ sort: "intensity", kind: "need" }), 40, NOW))).toBe("VALIDATION_FAILED");
    expect(code(() => decodeCursor(withCursor({ sort: "intensity", q: "visor" }), 40, NOW))).toBe("VALIDATION_FAILED");
    // The page size is not part of the list: a client may ask for more per page.
    expect(decodeCursor(withCursor({ sort: "intensity", limit: "100" }), 40, NOW)).toEqual(cursor);
  });

  it("refuses what this server cannot have made", () => {
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }, "zzz"), 40, NOW))).toBe("VALIDATION_FAILED");
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }), 39, NOW))).toBe("VALIDATION_FAILED"); // ahead of the board
    const future = encodeCursor(base, { ...cursor, t: NOW.getTime() + 3_600_000 });
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }, future), 40, NOW))).toBe("VALIDATION_FAILED");
    const badKey = encodeCursor(base, { ...cursor, k: ["x", 1, ID] });
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }, badKey), 40, NOW))).toBe("VALIDATION_FAILED");
  });

  it("expires after an hour, after too many changes, and across the upgrade from offsets", () => {
    const old = encodeCursor(base, { ...cursor, t: NOW.getTime() - CURSOR_TTL_MS - 1 });
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }, old), 40, NOW))).toBe("CURSOR_EXPIRED");
    expect(decodeCursor(withCursor({ sort: "intensity" }), 40 + CURSOR_MAX_EVENTS, NOW)).toEqual(cursor);
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }), 41 + CURSOR_MAX_EVENTS, NOW))).toBe("CURSOR_EXPIRED");
    expect(code(() => decodeCursor(withCursor({ sort: "intensity" }, "o50"), 40, NOW))).toBe("CURSOR_EXPIRED");
  });

  it("keeps nulls in nullable keys (undated, unlocated signals sort last)", () => {
    const due = query({ sort: "due" });
    const c = { t: cursor.t, w: 3, k: [null, 0.5, NOW.getTime(), ID] };
    expect(decodeCursor({ ...due, cursor: encodeCursor(due, c) }, 3, NOW)).toEqual(c);
  });
});
