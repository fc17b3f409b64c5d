import { describe, expect, it } from "vitest";
import { DEMO_PERSONAS } from "../../src/db/seed/demo-tenant";
import { staffRouteCases } from "../support/staff-route-cases";
import { problemOf, testApp } from "../support/test-deps";

type UsersBody = { users: { id: string; upn: string; displayName: string }[]; nextCursor?: string };

describe("GET /api/v1/users", () => {
  it("finds a user by part of the sign-in name, for a support token", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/users?q=oscar", { headers: t.auth("support") });
    expect(res.status).toBe(200);
    const body = (await res.json()) as UsersBody;
    expect(body.users).toEqual([
      { id: "usr-oscar.outside", upn: "oscar.outside@contoso.example", displayName: "Oscar Outside" },
    ]);
  });

  it("finds a user by display name, ignoring case", async () => {
    const t = await testApp({ seed: true });
    const body = (await (
      await t.app.request("/api/v1/users?q=DANA%20dis", { headers: t.auth("support") })
    ).json()) as UsersBody;
    expect(body.users.map((u) => u.upn)).toEqual(["dana.disabled@contoso.example"]);
  });

  it("treats % and _ in the query literally", async () => {
    const t = await testApp({ seed: true });
    const body = (await (
      await t.app.request("/api/v1/users?q=%25", { headers: t.auth("support") })
    ).json()) as UsersBody;
    expect(body.users).toEqual([]);
  });

  it("lists everyone in upn order when q is empty, page by page", async () => {
    const t = await testApp({ seed: true });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.app.request(
        `/api/v1/users?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { headers: t.auth("support") },
      );
      const body = (await res.json()) as UsersBody;
      expect(body.users.length).toBeLessThanOrEqual(20);
      seen.push(...body.users.map((u) => u.upn));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(DEMO_PERSONAS.length);
    expect(seen).toEqual([...seen].sort());
  });

  it("refuses a limit above 500, naming the field", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/users?limit=501", { headers: t.auth("support") });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.field).toBe("limit");
    expect(p.detail).toMatch(/^limit: /);
  });

  it("refuses an unknown query parameter, naming it", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/users?role=admin", { headers: t.auth("support") });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toContain('"role"');
  });
});

staffRouteCases([{ method: "GET", path: "/api/v1/users", minRole: "support" }]);
