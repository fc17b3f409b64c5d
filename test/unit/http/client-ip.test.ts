import { describe, expect, it } from "vitest";
import { clientAddress, NO_PROXIES, trustedProxies } from "../../../src/http/client-ip";
import { parseRateLimits } from "../../../src/http/rate-limit";

describe("trustedProxies", () => {
  it("matches single addresses and CIDR ranges, IPv4-mapped IPv6 included", () => {
    const t = trustedProxies("127.0.0.1, 10.0.0.0/8, fd00::/8");
    expect(t.has("127.0.0.1")).toBe(true);
    expect(t.has("::ffff:127.0.0.1")).toBe(true);
    expect(t.has("10.200.3.4")).toBe(true);
    expect(t.has("fd12::1")).toBe(true);
    expect(t.has("11.0.0.1")).toBe(false);
    expect(t.has("not-an-ip")).toBe(false);
  });

  it("refuses a typo instead of silently trusting nobody", () => {
    expect(() => trustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => trustedProxies("proxy.internal")).toThrow(/proxy\.internal/);
  });
});

describe("clientAddress", () => {
  const trusted = trustedProxies("10.0.0.0/8");

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", trusted)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "1.2.3.4", NO_PROXIES)).toBe("10.0.0.5");
  });

  it("takes the right-most entry that is not a trusted proxy, so a client cannot forge its address", () => {
    // The client wrote "6.6.6.6" itself; our proxy appended the real address it saw.
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.5", "198.51.100.7, 10.0.0.9", trusted)).toBe("198.51.100.7");
  });

  it("falls back to the peer on a garbled header and to the left-most hop when all are proxies", () => {
    expect(clientAddress("10.0.0.5", "nonsense", trusted)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "10.0.0.7, 10.0.0.8", trusted)).toBe("10.0.0.7");
  });
});

describe("parseRateLimits", () => {
  it("overrides only the families named", () => {
    const limits = parseRateLimits("kb=100/30");
    expect(limits.kb).toEqual({ limit: 100, windowMs: 30_000 });
    expect(limits.reset.limit).toBe(600);
  });

  it("names a malformed entry", () => {
    expect(() => parseRateLimits("search=1/1")).toThrow(/search=1\/1/);
  });
});
