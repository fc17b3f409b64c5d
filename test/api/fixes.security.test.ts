/**
 * Who may apply which fix, named after the property each test protects: support only
 * looks; helpdesk applies helpdesk fixes to people without an administrator role;
 * admin applies everything; the audit row names the token that did it; a preview never
 * writes. Plus the shared 401/403/bad-JSON/413 cases of every fix route.
 */
import { describe, expect, it } from "vitest";
import { staffRouteCases } from "../support/staff-route-cases";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

type Role = "support" | "helpdesk" | "admin";
type Json = Record<string, any>;

async function apply(t: TestContext, id: string, body: unknown, role: Role) {
  const res = await t.app.request(`/api/v1/fixes/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth(role) },
    body: JSON.stringify(
      body && typeof body === "object" && !Array.isArray(body) ? { reason: "INC-1042", ...body } : body,
    ),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

function state(t: TestContext): string {
  const tables = [
    "users",
    "policies",
    "policy_scope_groups",
    "group_memberships",
    "throttle_events",
    "throttle_blocks",
    "writeback_connectors",
  ];
  return JSON.stringify(tables.map((name) => t.db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}

/** Put an administrator behind a throttle block, so there is something a helpdesk could clear. */
function blockAdmin(t: TestContext, login = "ada.admin@contoso.example") {
  t.db.$client
    .prepare(
      "INSERT INTO throttle_blocks (user_id, blocked_until, reason) SELECT id, '2026-11-25T09:00:00.000Z', 'too_many_codes_sent' FROM users WHERE upn = ?",
    )
    .run(login);
}

describe("role checks on POST /api/v1/fixes/:id", () => {
  it("lets support preview a fix but never apply one", async () => {
    const t = await testApp({ seed: true });
    const preview = await t.app.request("/api/v1/fixes/clear_throttle/preview?user=bob.blocked@contoso.example", {
      headers: t.auth("support"),
    });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ applicable: true, mayApply: false });
    const before = state(t);
    const r = await apply(t, "clear_throttle", { user: "bob.blocked@contoso.example" }, "support");
    expect(r.status).toBe(403);
    expect(r.body.code).toBe("forbidden");
    expect(state(t)).toBe(before);
  });

  it("lets helpdesk clear bob's throttle, audited under the helpdesk token", async () => {
    const t = await testApp({ seed: true });
    const r = await apply(t, "clear_throttle", { user: "bob.blocked@contoso.example" }, "helpdesk");
    expect(r.status).toBe(200);
    expect(r.body.after.verdict).toBe("can_reset");
    const row = t.db.$client
      .prepare(
        "SELECT actor_type, actor_id, target_user_id, outcome FROM audit_log WHERE action = 'fix.clear_throttle'",
      )
      .get() as Json;
    const tokenId = t.db.$client.prepare("SELECT id FROM staff_tokens WHERE name = 'test helpdesk'").pluck().get();
    expect(row).toEqual({
      actor_type: "staff",
      actor_id: tokenId,
      target_user_id: "usr-bob.blocked",
      outcome: "success",
    });
  });

  it("refuses helpdesk clearing an administrator's throttle, and lets admin do it", async () => {
    const t = await testApp({ seed: true });
    blockAdmin(t);
    const preview = await t.app.request("/api/v1/fixes/clear_throttle/preview?user=ada.admin@contoso.example", {
      headers: t.auth("helpdesk"),
    });
    expect(await preview.json()).toMatchObject({
      applicable: true,
      mayApply: false,
      whyNot: expect.stringContaining("administrators"),
    });
    const before = state(t);
    const refused = await apply(t, "clear_throttle", { user: "ada.admin@contoso.example" }, "helpdesk");
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain("global_admin");
    expect(state(t)).toBe(before);
    expect((await apply(t, "clear_throttle", { user: "ada.admin@contoso.example" }, "admin")).status).toBe(200);
  });

  it.each([
    ["enable_account", { user: "dana.disabled@contoso.example" }],
    ["assign_license", { user: "liam.nolicense@contoso.example" }],
    ["enable_sspr_for_all", { tenant: "tailspin.example" }],
  ])("refuses helpdesk running the admin fix %s", async (id, body) => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const r = await apply(t, id, body, "helpdesk");
    expect(r.status).toBe(403);
    expect(state(t)).toBe(before);
  });

  it("lets admin run admin fixes", async () => {
    const t = await testApp({ seed: true });
    expect((await apply(t, "enable_account", { user: "dana.disabled@contoso.example" }, "admin")).status).toBe(200);
  });

  it("gives helpdesk the guidance, not a change, for a user step", async () => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const r = await apply(t, "register_methods", { user: "nina.noreg@contoso.example" }, "helpdesk");
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("fix_is_a_user_step");
    expect(state(t)).toBe(before);
  });

  it("never writes on preview, whatever the role", async () => {
    const t = await testApp({ seed: true });
    const before = state(t);
    for (const role of ["support", "helpdesk", "admin"] as const) {
      for (const url of [
        "/api/v1/fixes/enable_sspr_for_all/preview?tenant=tailspin.example",
        "/api/v1/fixes/enable_writeback/preview?user=walt.nowriteback@fabrikam.example",
      ]) {
        expect((await t.app.request(url, { headers: t.auth(role) })).status).toBe(200);
      }
    }
    expect(state(t)).toBe(before);
    expect(t.db.$client.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'fix.%'").pluck().get()).toBe(0);
  });
});

describe("role checks on POST /api/v1/fixes/:id/bulk", () => {
  const bulk = async (t: TestContext, id: string, body: unknown, role: Role) => {
    const res = await t.app.request(`/api/v1/fixes/${id}/bulk`, {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth(role) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("skips administrators when helpdesk clears a whole bucket", async () => {
    const t = await testApp({ seed: true });
    blockAdmin(t);
    const r = await bulk(
      t,
      "clear_throttle",
      { tenant: "contoso.example", code: "reset_blocked_temporarily" },
      "helpdesk",
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ attempted: 2, applied: 1, skipped: 1 });
    expect(r.body.users).toEqual(
      expect.arrayContaining([
        { upn: "ada.admin@contoso.example", outcome: "skipped", code: "forbidden" },
        { upn: "bob.blocked@contoso.example", outcome: "applied" },
      ]),
    );
  });

  it("refuses helpdesk a bulk admin fix", async () => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const r = await bulk(t, "assign_license", { tenant: "contoso.example", code: "no_license" }, "helpdesk");
    expect(r.status).toBe(403);
    expect((r.body as { code: string }).code).toBe("forbidden");
    expect(state(t)).toBe(before);
  });
});

describe("problem bodies", () => {
  it("answers a refusal as application/problem+json with a stable type", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/fixes/enable_account", {
      method: "POST",
      headers: { "content-type": "application/json", ...t.auth("admin") },
      body: JSON.stringify({ user: "alex.healthy@contoso.example", reason: "INC-1042" }),
    });
    const p = await problemOf(res);
    expect(p).toMatchObject({ status: 409, code: "fix_not_applicable", type: expect.any(String) });
  });
});

staffRouteCases([
  { method: "GET", path: "/api/v1/fixes", minRole: "support" },
  { method: "GET", path: "/api/v1/fixes/clear_throttle/preview?user=bob.blocked@contoso.example", minRole: "support" },
  {
    method: "POST",
    path: "/api/v1/fixes/clear_throttle",
    minRole: "helpdesk",
    body: { user: "bob.blocked@contoso.example", reason: "INC-1042" },
  },
  {
    method: "POST",
    path: "/api/v1/fixes/enable_account",
    minRole: "admin",
    body: { user: "dana.disabled@contoso.example", reason: "INC-1042" },
  },
  {
    method: "POST",
    path: "/api/v1/fixes/clear_throttle/bulk",
    minRole: "helpdesk",
    body: { tenant: "contoso.example", code: "too_many_codes_sent" },
  },
  {
    method: "POST",
    path: "/api/v1/fixes/assign_license/bulk",
    minRole: "admin",
    body: { tenant: "contoso.example", code: "no_license" },
  },
]);

describe("a reason for every applied fix", () => {
  it("refuses an apply without a reason, naming `reason`, and records the reason and actor when given", async () => {
    const t = await testApp({ seed: true });
    const post = (body: unknown) =>
      t.app.request("/api/v1/fixes/clear_throttle", {
        method: "POST",
        headers: { "content-type": "application/json", ...t.auth("helpdesk") },
        body: JSON.stringify(body),
      });
    for (const body of [
      { user: "bob.blocked@contoso.example" },
      { user: "bob.blocked@contoso.example", reason: "  " },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).field).toBe("reason");
    }
    expect((await post({ user: "bob.blocked@contoso.example", reason: "INC-7 caller verified" })).status).toBe(200);
    const row = t.db.$client
      .prepare("SELECT actor_type, actor_id, detail FROM audit_log WHERE action = 'fix.clear_throttle'")
      .get() as { actor_type: string; actor_id: string; detail: string };
    expect(row.actor_type).toBe("staff");
    expect(row.actor_id).toBeTruthy();
    expect(JSON.parse(row.detail)).toMatchObject({ reason: "INC-7 caller verified" });
  });
});
