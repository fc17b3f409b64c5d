/**
 * Who is calling: the client address behind trusted proxies. Behind a load balancer every
 * person shares the balancer's address, so per-IP limits would throttle them all as one.
 * X-Forwarded-For is believed only when the direct peer is a proxy we were told to trust
 * (SSPR_TRUST_PROXY); then the client is the right-most entry that is not itself a trusted
 * proxy — entries to its left were written by the client and can say anything.
 */
import { BlockList, isIP } from "node:net";

export type TrustedProxies = { has(address: string): boolean; readonly size: number };

/** No proxy is trusted: headers are ignored, the socket address is the client. */
export const NO_PROXIES: TrustedProxies = { has: () => false, size: 0 };

/**
 * Parses "10.0.0.1, 10.1.0.0/16, ::1" into a matcher (node's BlockList does the CIDR math).
 * Throws naming the bad entry, so a typo stops the start-up instead of trusting nobody.
 *
 * @example trustedProxies("127.0.0.1, 10.0.0.0/8").has("10.2.3.4") // true
 */
export function trustedProxies(spec: string | undefined): TrustedProxies {
  const entries = (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) return NO_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const family = isIP(address ?? "");
    if (!family || extra !== undefined) throw new Error(`SSPR_TRUST_PROXY: "${entry}" is not an address or CIDR`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32))
        throw new Error(`SSPR_TRUST_PROXY: "${entry}" has a bad prefix length`);
      list.addSubnet(address!, prefix, type);
    }
  }
  const has = (address: string) => {
    const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    if (!family) return false;
    // An IPv4 rule also covers the same address seen as IPv4-mapped IPv6 (dual-stack sockets).
    return list.check(plain, family === 6 ? "ipv6" : "ipv4");
  };
  return { has, size: entries.length };
}

/**
 * The client address for a request that reached us from `peer` with this X-Forwarded-For.
 *
 * @example clientAddress("10.0.0.5", "198.51.100.7, 10.0.0.9", trustedProxies("10.0.0.0/8")) // "198.51.100.7"
 * @example clientAddress("203.0.113.1", "1.2.3.4", trustedProxies("10.0.0.0/8")) // "203.0.113.1" (peer not trusted)
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (!peer || !trusted.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(hop)) return peer; // a garbled header is not evidence of anything
    if (!trusted.has(hop)) return hop;
  }
  // Every hop is one of our proxies: the left-most is as close to the client as we can see.
  return hops[0] ?? peer;
}
