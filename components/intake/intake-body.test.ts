import { describe, expect, it } from "vitest";
import { intakeChoiceProblems, submitIntakeSchema } from "@/server/domain/intake";
import { buildIntakeBody, EMPTY_INTAKE, OTHER_RESOURCE } from "./intake-body";

describe("buildIntakeBody", () => {
  it("a filled form passes the server's schema; empty fields are absent", () => {
    const body = buildIntakeBody({ ...EMPTY_INTAKE, facilityName: "Care home", contactPhone: "+44 161 555 0101", placeName: "Salford", resourceSpecId: "6b1f4d1e-8c1a-4c55-9a55-3f1b0d7e2a10", quantity: "300" });
    expect(body).toMatchObject({ quantity: 300, place: { name: "Salford" }, contactEmail: undefined, website: undefined });
    expect(submitIntakeSchema.safeParse(body).success).toBe(true);
  });

  it("'something else' sends the words, not the select's value; a non-number stays text for the schema to refuse", () => {
    const body = buildIntakeBody({ ...EMPTY_INTAKE, resourceSpecId: OTHER_RESOURCE, resourceText: " Gowns ", quantity: "lots" });
    expect(body).toMatchObject({ resourceSpecId: undefined, resourceText: "Gowns", quantity: "lots" });
    const parsed = submitIntakeSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["facilityName", "place.name", "quantity"]);
    // The either-or choices the schema checks only once the fields are valid, which the form checks at once.
    expect(Object.keys(intakeChoiceProblems(body))).toEqual(["contactEmail", "contactPhone"]);
    expect(Object.keys(intakeChoiceProblems({ ...body, contactPhone: "+44 161 555 0101", resourceText: undefined }))).toEqual(["resourceText"]);
  });
});
