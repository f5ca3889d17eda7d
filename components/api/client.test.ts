import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFetch, ApiError, toApiError, toQueryString } from "./client";

function respond(status: number, body: unknown, statusText = "") {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, statusText }));
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("calls same-origin /api/v1 with JSON and the session cookie", async () => {
    const fetchMock = respond(201, { id: "b1" });
    vi.stubGlobal("fetch", fetchMock);
    const out = await apiFetch<{ id: string }>("/boards", { method: "POST", json: { slug: "x" } });
    expect(out).toEqual({ id: "b1" });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/v1/boards");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBe('{"slug":"x"}');
    expect(new Headers(init.headers).get("content-type")).toBe("application/json");
  });

  it("sends every body as JSON with the JSON content type, whatever headers the caller passed", async () => {
    const fetchMock = respond(200, {});
    vi.stubGlobal("fetch", fetchMock);
    await apiFetch("/signals/x", { method: "PATCH", json: { title: "t" }, headers: { "content-type": "text/plain" } });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get("content-type")).toBe("application/json");
    expect(init.body).toBe('{"title":"t"}');
  });

  it("sends bodiless writes without a body or a content type", async () => {
    const fetchMock = respond(200, {});
    vi.stubGlobal("fetch", fetchMock);
    await apiFetch("/signals/x/reinforce", { method: "POST" });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBeUndefined();
    expect(new Headers(init.headers).get("content-type")).toBeNull();
  });

  it("answers undefined for 204", async () => {
    vi.stubGlobal("fetch", respond(204, undefined));
    await expect(apiFetch("/sessions", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("throws an ApiError built from the error body, with fields and extras", async () => {
    vi.stubGlobal(
      "fetch",
      respond(409, { error: { code: "OVER_CLAIM", message: "Only 5 is left to claim.", remaining: 5 } }),
    );
    const err = await apiFetch<never>("/signals/x/claims", { method: "POST", json: {} }).catch((e: ApiError) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: "OVER_CLAIM", message: "Only 5 is left to claim.", fields: {} });
    expect(err.detail("remaining")).toBe(5);
  });

  it("turns a network failure into status 0", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiFetch("/me")).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });
  });
});

describe("toApiError", () => {
  it("keeps the API's field errors", () => {
    const e = toApiError(400, "Bad Request", {
      error: { code: "VALIDATION_FAILED", message: "Invalid input", fields: { "location.lat": ["Must be a number"] } },
    });
    expect(e.fields).toEqual({ "location.lat": ["Must be a number"] });
  });

  it("copes with a body that is not the error shape", () => {
    expect(toApiError(502, "Bad Gateway", "<html>")).toMatchObject({ code: "HTTP_502", status: 502 });
    expect(toApiError(429, "", null).message).toMatch(/try again in a minute/);
  });
});

describe("toQueryString", () => {
  it("skips empty values", () => {
    expect(toQueryString({ a: "1", b: "", c: undefined, d: null, e: 0 })).toBe("?a=1&e=0");
    expect(toQueryString({})).toBe("");
  });
});
