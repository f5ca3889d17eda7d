import { describe, expect, it } from "vitest";
import type { NotificationDto } from "@/server/domain/realtime-contract";
import { addNotification } from "./use-notification-stream";

const n = (id: string, readAt: string | null = null): NotificationDto => ({
  id,
  text: `New need ${id}`,
  createdAt: "2026-11-28T10:00:00.000Z",
  readAt,
  signal: { id: `s-${id}`, kind: "need", title: "Shields", board: { slug: "commons", name: "Commons" } },
});

describe("addNotification", () => {
  it("puts a pushed notification first and counts it unread", () => {
    expect(addNotification({ items: [n("a")], unread: 1 }, n("b"))).toEqual({ items: [n("b"), n("a")], unread: 2 });
  });

  it("ignores one the list already has (a push that crossed a refetch), and leaves an unloaded list to its fetch", () => {
    const list = { items: [n("a")], unread: 1 };
    expect(addNotification(list, n("a"))).toBe(list);
    expect(addNotification(undefined, n("a"))).toBeUndefined();
  });
});
