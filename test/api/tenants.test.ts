import { describe, expect, it } from "vitest";
import { DEMO_PERSONAS } from "../../src/db/seed/demo-tenant";
import { staffRouteCases } from "../support/staff-route-cases";
import { testApp } from "../support/test-deps";

type Health = {
  users: number;
  verdicts: Record<string, number>;
  counts: Record<string, number>;
  usersByCode: Record<string, { total: number; users: { upn: string }[]; nextOffset?: number }>;
};

describe("GET /api/v1/tenants/:id/health", () => {
  it("counts every contoso persona's findings and lists who is behind each code", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/tenants/contoso.example/health", { headers: t.auth("admin") });
    expect(res.status).toBe(200);
    const h = (await res.json()) as Health;
    const contoso = DEMO_PERSONAS.filter((p) => p.tenant === "tnt-contoso");
    expect(h.users).toBe(contoso.length);
    expect(h.verdicts.blocked).toBe(contoso.filter((p) => p.primary).length);
    expect(h.usersByCode.user_not_in_sspr_scope!.users.map((u) => u.upn)).toEqual(["oscar.outside@contoso.example"]);
    // Four users registered the same phone: only the sweep can see that.
    expect(h.counts.method_in_use_by_many).toBe(4);
  });

  it("pages through the users of one code", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/tenants/tnt-contoso/health?code=method_in_use_by_many&limit=3", {
      headers: t.auth("admin"),
    });
    const h = (await res.json()) as Health;
    expect(h.usersByCode.method_in_use_by_many).toMatchObject({ total: 4, nextOffset: 3 });
    expect(h.usersByCode.method_in_use_by_many!.users).toHaveLength(3);
  });

  it("404s an unknown tenant and 400s an unknown code", async () => {
    const t = await testApp({ seed: true });
    expect((await t.app.request("/api/v1/tenants/nowhere.example/health", { headers: t.auth("admin") })).status).toBe(
      404,
    );
    const bad = await t.app.request("/api/v1/tenants/contoso.example/health?code=nope", { headers: t.auth("admin") });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe("code");
  });
});

describe("POST /api/v1/tenants/:id/what-if", () => {
  it("counts the users a policy change unblocks: requiring one method at fabrikam", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/tenants/fabrikam.example/what-if", {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("admin") },
      body: JSON.stringify({ policy: { methodsRequired: 1 } }),
    });
    expect(res.status).toBe(200);
    const w = (await res.json()) as {
      unblocked: number;
      unblockedUsers: { upn: string }[];
      perCode: Record<string, { delta: number }>;
    };
    expect(w.unblockedUsers.map((u) => u.upn)).toContain("fiona.onemethod@fabrikam.example");
    expect(w.perCode.not_enough_methods!.delta).toBe(-1);
  });
});

staffRouteCases([
  { method: "GET", path: "/api/v1/tenants/contoso.example/health", minRole: "admin" },
  { method: "POST", path: "/api/v1/tenants/contoso.example/what-if", minRole: "admin", body: { policy: {} } },
]);
