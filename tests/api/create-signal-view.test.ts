// Publishing a signal builds its card from what it just wrote instead of reading it back. With the clock
// frozen, the answer, the event and a fresh read must be the same object, for every kind and option.
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/server";
import { allEvents, expectStatus, newBoard, useApp } from "../support/fixtures";

const FROZEN = new Date("2026-11-27T10:00:00.000Z");
const inHours = (h: number) => new Date(FROZEN.getTime() + h * 3_600_000).toISOString();

describe.each(DB_KINDS)("a new signal's card on %s", (kind) => {
  const h = useApp(kind, { now: () => FROZEN });

  it("the 201, the signal.created event, GET /signals/:id and the list item are equal", async () => {
    // A divisible unit: the fractional quantities below are part of what the card must carry.
    const { slug, steward, spec } = await newBoard(h.api, { unit: "kg" });
    const org = await steward.api.post("/organizations", { name: "Hub Nord", kind: "hub" });
    expectStatus(org, 201);
    const bodies = [
      { kind: "need", quantity: 12.5, dueAt: inHours(30), note: "for the ward", location: { name: "Berlin", lat: 52.52, lng: 13.405 } },
      { kind: "order", quantity: 3, dueAt: inHours(400), title: "Visors, firm order", onBehalfOf: org.body.id },
      { kind: "capacity", quantity: 40, availableFrom: inHours(2), availableUntil: inHours(100), location: { lat: 45.76, lng: 4.84 } },
      { kind: "stock", quantity: 0.5 },
    ];
    for (const body of bodies) {
      const created = await steward.api.post(`/boards/${slug}/signals`, { ...body, resourceSpecId: spec.id });
      expectStatus(created, 201);
      const read = await h.api.get(`/signals/${created.body.id}`);
      expect(read.body, body.kind).toEqual(created.body);
      const listed = (await h.api.get(`/boards/${slug}/signals?sort=new`)).body.items.find((s: any) => s.id === created.body.id);
      expect(listed, body.kind).toEqual(created.body);
      const event = (await allEvents(h.api, slug)).events.at(-1);
      expect(event.type).toBe("signal.created");
      expect(event.data.signal, body.kind).toEqual(created.body);
    }
  });
});
