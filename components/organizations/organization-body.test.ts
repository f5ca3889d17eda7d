import { describe, expect, it } from "vitest";
import { createOrganizationSchema } from "@/server/domain/schemas";
import { validate } from "@/components/forms/form-errors";
import { buildOrganizationBody } from "./organization-body";

describe("buildOrganizationBody", () => {
  const base = { name: "Fab Lab", kind: "makerspace", locationName: "", lat: "", lng: "" };

  it("omits an empty location", () => {
    expect(buildOrganizationBody(base)).toEqual({ body: { name: "Fab Lab", kind: "makerspace" }, fields: {} });
  });

  it("sends a full location the schema accepts", () => {
    const { body } = buildOrganizationBody({ ...base, locationName: "Kreuzberg", lat: "52.5", lng: "13.4" });
    expect(validate(createOrganizationSchema, body).ok).toBe(true);
  });

  it("asks for coordinates when only a place name is given", () => {
    expect(buildOrganizationBody({ ...base, locationName: "Kreuzberg" }).fields).toHaveProperty(["location.lat"]);
  });
});
