import { describe, expect, it } from "vitest";
import type { PlaceDto } from "@/server/domain/dto";
import { formatLatLng, mergeSuggestions, placeFromCoordinates, placeText, textShowsPlace } from "./place";

const org = (id: string, name: string, place: string): PlaceDto => ({ name: place, lat: 52.5, lng: 13.4, organization: { id, name, kind: "makerspace" }, uses: 0 });
const spot = (name: string, uses = 1): PlaceDto => ({ name, lat: 41.38, lng: 2.17, organization: null, uses });

describe("place text", () => {
  it("shows a name, or coordinates rounded to 4 decimals", () => {
    expect(placeText(null)).toBe("");
    expect(placeText({ name: "Fab Lab", lat: 1, lng: 2 })).toBe("Fab Lab");
    expect(placeText({ lat: 52.520008, lng: 13.404954 })).toBe("52.52,13.405");
    expect(formatLatLng(-33.86786, 151.20732)).toBe("-33.8679,151.2073");
  });

  it("reads typed coordinates, and nothing else, as a place", () => {
    expect(placeFromCoordinates(" 52.52 , 13.40 ")).toEqual({ lat: 52.52, lng: 13.4 });
    expect(placeFromCoordinates("Berlin")).toBeNull();
    expect(placeFromCoordinates("95,10")).toBeNull();
  });

  it("knows when the typed text already means the value", () => {
    expect(textShowsPlace("52.50, 13.4", { lat: 52.5, lng: 13.4 })).toBe(true);
    expect(textShowsPlace("fab lab ", { name: "Fab Lab", lat: 1, lng: 2 })).toBe(true);
    expect(textShowsPlace("Fab", { name: "Fab Lab", lat: 1, lng: 2 })).toBe(false);
    expect(textShowsPlace("", null)).toBe(true);
    expect(textShowsPlace("x", null)).toBe(false);
  });
});

describe("mergeSuggestions", () => {
  it("puts the viewer's matching organizations first and lists each place once", () => {
    const mine = org("o1", "Kreuzberg Werkstatt", "Kreuzberg");
    const found = [spot("Raval", 3), { ...mine }, spot("Kreuzberg clinic")];
    expect(mergeSuggestions([mine, org("o2", "Other", "Gràcia")], found, "kreuz").map((p) => p.name)).toEqual(["Kreuzberg", "Raval", "Kreuzberg clinic"]);
    expect(mergeSuggestions([mine], found, "").map((p) => p.name)).toEqual(["Kreuzberg", "Raval", "Kreuzberg clinic"]);
    expect(mergeSuggestions([], found, "", 2)).toHaveLength(2);
  });
});
