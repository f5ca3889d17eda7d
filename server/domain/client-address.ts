// Which address a request comes from, for rate limits. Behind reverse proxies each proxy appends the
// address it received the request from to X-Forwarded-For, so only the entries our own proxies added
// can be trusted: counted from the right. Anything further left was sent by the client and is free
// for it to invent (to dodge a limit, or to frame someone else's address).
import ipaddr from "ipaddr.js";

/**
 * The client address: with `trustedProxies` = n > 0, the n-th X-Forwarded-For entry from the right
 * (the one our outermost proxy appended); otherwise, or when the header has fewer entries than there
 * are proxies (the request did not come through them all), the connection's own address.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const socket = remoteAddress || "unknown";
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim());
  if (entries.length < trustedProxies) return socket;
  return entries[entries.length - trustedProxies] || socket;
}

/**
 * The key a per-address limit counts under. IPv4-mapped IPv6 is the IPv4 address; IPv6 counts per /64,
 * because one subscriber is usually given a whole /64 and could otherwise take a new address per
 * request. A proxy entry with a port ("1.2.3.4:5678", "[2001:db8::1]:443") counts without it; anything
 * unparseable counts as itself.
 */
export function rateLimitAddressKey(address: string): string {
  const bare = stripPort(address.trim());
  if (!ipaddr.isValid(bare)) return address.trim().toLowerCase();
  const ip = ipaddr.process(bare);
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).toNormalizedString().split(":").slice(0, 4);
  return `${parts.join(":")}::/64`;
}

function stripPort(a: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  return v4WithPort ? v4WithPort[1]! : a;
}
