/**
 * The registration report: counts a person can check against the demo tenant's personas,
 * the same on the API and the page, for admins only.
 */
import { describe, expect, it } from "vitest";
import { formBrowser } from "../support/form-browser";
import { testApp } from "../support/test-deps";

type Report = {
  users: number;
  registered: number;
  enoughMethods: number;
  canReset: number;
  byMethod: { method: string; users: number }[];
  gaps: { code: string; users: number }[];
};

describe("registration report", () => {
  it("counts who registered, who registered enough, and names what is missing for the rest", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/tenants/contoso.example/registration", { headers: t.auth("admin") });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Report;
    const count = (sql: string) => t.db.$client.prepare(sql).pluck().get() as number;
    expect(r.users).toBe(count("SELECT count(*) FROM users WHERE tenant_id = 'tnt-contoso'"));
    // Nina never registered anything: she is a user, not a registered one.
    expect(r.registered).toBe(
      count(
        "SELECT count(DISTINCT m.user_id) FROM methods m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = 'tnt-contoso'",
      ),
    );
    expect(r.registered).toBeLessThan(r.users);
    const gap = (code: string) => r.gaps.find((g) => g.code === code)?.users ?? 0;
    expect(gap("not_registered")).toBeGreaterThanOrEqual(1);
    expect(gap("method_unverified")).toBeGreaterThanOrEqual(1); // uma.unverified
    expect(r.enoughMethods).toBeLessThanOrEqual(r.registered);
    // A user can have several gaps, so those without one lie between these two bounds.
    const gapTotal = r.gaps.reduce((n, g) => n + g.users, 0);
    expect(r.enoughMethods).toBeGreaterThanOrEqual(r.users - gapTotal);
    expect(r.enoughMethods).toBeLessThanOrEqual(r.users - Math.max(...r.gaps.map((g) => g.users)));
    // Every verified email counts once per user, and the list is most-covered first.
    const emailUsers = count(
      "SELECT count(DISTINCT m.user_id) FROM methods m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = 'tnt-contoso' AND m.type = 'email' AND m.verified = 1",
    );
    expect(r.byMethod.find((m) => m.method === "email")?.users).toBe(emailUsers);
    expect(r.byMethod.map((m) => m.users)).toEqual([...r.byMethod.map((m) => m.users)].sort((a, b) => b - a));
    t.close();
  });

  it("is for admins: support is refused, and an unknown tenant is a 404 naming the id", async () => {
    const t = await testApp({ seed: true });
    expect(
      (await t.app.request("/api/v1/tenants/contoso.example/registration", { headers: t.auth("support") })).status,
    ).toBe(403);
    const missing = await t.app.request("/api/v1/tenants/nowhere.example/registration", { headers: t.auth("admin") });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { field?: string }).field).toBe("id");
    t.close();
  });

  it("shows the same figures on /admin/tenants/:id/registration, linked from the tenant page", async () => {
    const t = await testApp({ seed: true });
    const api = (await (
      await t.app.request("/api/v1/tenants/contoso.example/registration", { headers: t.auth("admin") })
    ).json()) as Report;
    const b = formBrowser(t);
    await b.get("/admin/sign-in");
    await b.post("/admin/sign-in", { token: t.tokens.admin, next: "/admin" });
    const tenantPage = await b.get("/admin/tenants/tnt-contoso");
    expect(tenantPage.html).toContain('href="/admin/tenants/tnt-contoso/registration"');
    const page = await b.get("/admin/tenants/tnt-contoso/registration");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(new RegExp(`data-testid="registered"[\\s\\S]*?<td>${api.registered} users</td>`));
    expect(page.html).toContain('data-code="not_registered"');
    t.close();
  });
});
