/**
 * One generator for what every staff route must do (Unkey's pattern): 401 without or
 * with a bad token, 429 once one address has presented too many wrong tokens (while the
 * real token works from another), 403 for a role below the route's minimum, and for
 * routes with a body, 400 naming the field for bad JSON / wrong types / unknown keys and
 * 413 past 64 KiB.
 */
import { describe, expect, it } from "vitest";
import { STAFF_TOKEN_FAILURES, type StaffRole } from "../../src/domain/staff";
import { problemOf, testApp } from "./test-deps";

export type StaffRouteCase = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  minRole: StaffRole;
  /** A valid body, for POST routes. */
  body?: unknown;
};

const BELOW: Record<StaffRole, StaffRole[]> = { support: [], helpdesk: ["support"], admin: ["support", "helpdesk"] };

export function staffRouteCases(cases: StaffRouteCase[]) {
  for (const route of cases) {
    describe(`${route.method} ${route.path} (staff: ${route.minRole})`, () => {
      it("answers 401 problem without a token", async () => {
        const t = await testApp();
        const res = await t.app.request(route.path, {
          method: route.method,
          headers: { "content-type": "application/json" },
          body: jsonBody(route),
        });
        expect(res.status).toBe(401);
        expect((await problemOf(res)).code).toBe("unauthorized");
      });

      it("answers 401 problem with a made-up token", async () => {
        const t = await testApp();
        const res = await t.app.request(route.path, {
          method: route.method,
          headers: { "content-type": "application/json", authorization: "Bearer sspr_not-a-real-token" },
          body: jsonBody(route),
        });
        expect(res.status).toBe(401);
      });

      it("answers 429 with Retry-After to an address past its wrong-token budget, and the real token from another address", async () => {
        const t = await testApp();
        const from = (ip: string) => ({
          incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: "IPv4" } },
        });
        const send = (token: string, ip: string) =>
          t.app.request(
            route.path,
            {
              method: route.method,
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
              body: jsonBody(route),
            },
            from(ip),
          );
        for (let i = 0; i < STAFF_TOKEN_FAILURES.max; i++)
          expect((await send("sspr_guess-" + i, "203.0.113.9")).status).toBe(401);
        const refused = await send(t.tokens.admin, "203.0.113.9");
        expect(refused.status).toBe(429);
        expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
        expect((await problemOf(refused)).code).toBe("rate_limited");
        expect((await send(t.tokens.admin, "198.51.100.20")).status).not.toBe(429);
      });

      for (const role of BELOW[route.minRole]) {
        it(`answers 403 problem to the ${role} role`, async () => {
          const t = await testApp();
          const res = await t.app.request(route.path, {
            method: route.method,
            headers: { "content-type": "application/json", ...t.auth(role) },
            body: jsonBody(route),
          });
          expect(res.status).toBe(403);
          expect((await problemOf(res)).code).toBe("forbidden");
        });
      }

      if (route.method === "POST") {
        it("answers 400 naming the body for malformed JSON", async () => {
          const t = await testApp();
          const res = await t.app.request(route.path, {
            method: "POST",
            headers: { "content-type": "application/json", ...t.auth("admin") },
            body: "{not json",
          });
          expect(res.status).toBe(400);
          const p = await problemOf(res);
          expect(p.code).toBe("invalid_request");
          expect(p.detail).toMatch(/body/i);
        });

        it("answers 400 naming an unknown field", async () => {
          const t = await testApp();
          const body = { ...(route.body as object), surpriseField: 1 };
          const res = await t.app.request(route.path, {
            method: "POST",
            headers: { "content-type": "application/json", ...t.auth("admin") },
            body: JSON.stringify(body),
          });
          expect(res.status).toBe(400);
          expect((await problemOf(res)).detail).toContain("surpriseField");
        });

        it("answers 413 for a body over 64 KiB", async () => {
          const t = await testApp();
          const res = await t.app.request(route.path, {
            method: "POST",
            headers: { "content-type": "application/json", ...t.auth("admin") },
            body: JSON.stringify({ padding: "x".repeat(70 * 1024) }),
          });
          expect(res.status).toBe(413);
          expect((await problemOf(res)).code).toBe("payload_too_large");
        });
      }
    });
  }
}

const jsonBody = (route: StaffRouteCase) => (route.method === "POST" ? JSON.stringify(route.body ?? {}) : undefined);
