import { describe, expect, it } from "vitest";
import { clientAddress, rateLimitAddressKey } from "./client-address";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", 0)).toBe("10.0.0.2");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("takes the entry the (one) proxy appended: the rightmost, never the client's own leftmost entries", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", 1)).toBe("203.0.113.9");
    // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended what it saw.
    expect(clientAddress("10.0.0.2", "198.51.100.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", ["198.51.100.1, 192.0.2.4", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });

  it("counts from the right by the number of proxies", () => {
    // client -> CDN (appends the client) -> load balancer (appends the CDN) -> app
    expect(clientAddress("10.0.0.2", "198.51.100.1, 203.0.113.9, 192.0.2.80", 2)).toBe("203.0.113.9");
  });

  it("falls back to the connection when the header is missing, empty or shorter than the proxy chain", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "203.0.113.9", 2)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "198.51.100.1, ", 1)).toBe("10.0.0.2");
  });
});

describe("rateLimitAddressKey", () => {
  it("keeps IPv4 as it is and unwraps IPv4-mapped IPv6", () => {
    expect(rateLimitAddressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(rateLimitAddressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(rateLimitAddressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("counts IPv6 per /64, however the address is written", () => {
    const a = rateLimitAddressKey("2001:db8:1:2::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddressKey("2001:0db8:0001:0002:ffff:0:0:42")).toBe(a);
    expect(rateLimitAddressKey("2001:db8:1:3::1")).not.toBe(a);
  });

  it("drops a port a proxy may have written, and keeps anything unparseable as itself", () => {
    expect(rateLimitAddressKey("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(rateLimitAddressKey("[2001:db8:1:2::1]:443")).toBe("2001:db8:1:2::/64");
    expect(rateLimitAddressKey("unknown")).toBe("unknown");
    expect(rateLimitAddressKey(" Garbage ")).toBe("garbage");
  });
});
