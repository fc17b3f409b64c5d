/**
 * The fix API's refusals: unknown fixes, users and tenants (404 naming the field), bad
 * targets and parameters (400 naming the field), a fix aimed at the wrong persona (409
 * fix_not_applicable, nothing changed), a fix whose proof fails (409 fix_did_not_help,
 * rolled back, both diagnoses in the body), and bulk requests that cannot be bulk.
 */
import { describe, expect, it } from "vitest";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

type Json = Record<string, any>;

async function apply(t: TestContext, id: string, body: unknown) {
  const res = await t.app.request(`/api/v1/fixes/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("admin") },
    body: JSON.stringify(
      body && typeof body === "object" && !Array.isArray(body) ? { reason: "INC-1042", ...body } : body,
    ),
  });
  return { status: res.status, body: (await problemOf(res)) as Json };
}

async function bulk(t: TestContext, id: string, body: unknown) {
  const res = await t.app.request(`/api/v1/fixes/${id}/bulk`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth("admin") },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await problemOf(res)) as Json };
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
    "methods",
    "diagnoses",
  ];
  return JSON.stringify(tables.map((name) => t.db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}
const auditRows = (t: TestContext) =>
  t.db.$client
    .prepare("SELECT action, outcome, code FROM audit_log WHERE action LIKE 'fix.%' ORDER BY id")
    .all() as Json[];

describe("unknown things: 404 naming the field", () => {
  it.each([
    ["no_such_fix", { user: "alex.healthy@contoso.example" }, "fix_not_found", "id"],
    ["enable_account", { user: "ghost@contoso.example" }, "user_not_found", "user"],
    ["enable_sspr_for_all", { tenant: "nowhere.example" }, "tenant_not_found", "tenant"],
  ])("POST %s %j → %s", async (id, body, code, field) => {
    const t = await testApp({ seed: true });
    const r = await apply(t, id, body);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code, field });
  });

  it("404s the preview of an unknown fix", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/fixes/no_such_fix/preview?user=alex.healthy@contoso.example", {
      headers: t.auth("support"),
    });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe("fix_not_found");
  });
});

describe("bad targets and parameters: 400 naming the field", () => {
  it.each([
    ["enable_sspr_for_all", { user: "tom.tailspin@tailspin.example", tenant: "tailspin.example" }, "tenant"],
    ["enable_account", {}, "user"],
    ["enable_account", { tenant: "contoso.example" }, "tenant"],
    ["enable_account", { user: "dana.disabled@contoso.example", params: { colour: "red" } }, "params.colour"],
    ["set_helpdesk_contact", { user: "felix.fine@fabrikam.example" }, "params.url"],
    [
      "set_helpdesk_contact",
      { user: "felix.fine@fabrikam.example", params: { url: "ftp://files.example" } },
      "params.url",
    ],
    [
      "set_helpdesk_contact",
      { user: "felix.fine@fabrikam.example", params: { email: "not an address" } },
      "params.email",
    ],
    ["set_reconfirm_days", { user: "felix.fine@fabrikam.example", params: { days: 0 } }, "params.days"],
    ["allow_method", { user: "olga.office@contoso.example", params: { methods: ["fax"] } }, "params.methods"],
    ["assign_license", { user: "liam.nolicense@contoso.example", params: { license: "p3" } }, "params.license"],
    [
      "add_user_to_sspr_group",
      { user: "oscar.outside@contoso.example", params: { group: "grp-fabrikam-sspr-users" } },
      "params.group",
    ],
    ["enable_account", { user: 42 }, "user"],
  ])("POST %s %j → field %s", async (id, body, field) => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const r = await apply(t, id, body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "invalid_request", field });
    expect(r.body.detail.startsWith(`${field}: `)).toBe(true);
    expect(state(t)).toBe(before);
  });

  it.each([
    ["param=days", "param"],
    ["param=days=0", "params.days"],
    ["colour=red", "colour"],
  ])("preview ?%s → field %s", async (query, field) => {
    const t = await testApp({ seed: true });
    const res = await t.app.request(
      `/api/v1/fixes/set_reconfirm_days/preview?user=felix.fine@fabrikam.example&${query}`,
      { headers: t.auth("support") },
    );
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe(field);
  });
});

describe("the wrong persona: 409 fix_not_applicable, nothing changed", () => {
  it.each([
    ["enable_account", "alex.healthy@contoso.example"],
    ["add_user_to_sspr_group", "alex.healthy@contoso.example"],
    ["clear_throttle", "alex.healthy@contoso.example"],
    ["enable_sspr_for_all", "alex.healthy@contoso.example"],
    ["allow_method", "nina.noreg@contoso.example"],
    ["send_registration_reminder", "alex.healthy@contoso.example"],
  ])("%s for %s", async (id, login) => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const memberships = t.db.$client.prepare("SELECT count(*) FROM group_memberships").pluck().get();
    const r = await apply(t, id, { user: login });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: "fix_not_applicable", fix: { id }, target: { user: { upn: login } } });
    expect(state(t)).toBe(before);
    expect(t.db.$client.prepare("SELECT count(*) FROM group_memberships").pluck().get()).toBe(memberships);
    expect(auditRows(t)).toEqual([]);
    expect(t.deps.devMailbox!.list()).toEqual([]);
  });

  it("previews the wrong persona as not applicable, with no changes", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/api/v1/fixes/enable_account/preview?user=alex.healthy@contoso.example", {
      headers: t.auth("admin"),
    });
    expect(await res.json()).toMatchObject({ applicable: false, present: [], mayApply: false, changes: [] });
  });
});

describe("a fix whose proof fails is rolled back: 409 fix_did_not_help", () => {
  it("adding oscar to a group outside the scope leaves him out of scope, so nothing is kept", async () => {
    const t = await testApp({ seed: true });
    t.db.$client
      .prepare("INSERT INTO groups (id, tenant_id, name) VALUES ('grp-contoso-lab', 'tnt-contoso', 'Lab')")
      .run();
    const before = state(t);
    const r = await apply(t, "add_user_to_sspr_group", {
      user: "oscar.outside@contoso.example",
      params: { group: "grp-contoso-lab" },
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: "fix_did_not_help",
      stillPresent: ["user_not_in_sspr_scope"],
      changes: [expect.objectContaining({ entity: "group_membership" })],
    });
    expect(r.body.before.primary).toBe("user_not_in_sspr_scope");
    expect(r.body.after.primary).toBe("user_not_in_sspr_scope");
    expect(r.body.diagnosisId).toBe(r.body.after.id);
    expect(state(t)).toBe(before);
    // The attempt is on record; no success row, no stored diagnosis.
    expect(auditRows(t)).toEqual([
      { action: "fix.add_user_to_sspr_group", outcome: "failure", code: "fix_did_not_help" },
    ]);
  });

  it("an unlock the connector refuses changes nothing and says why", async () => {
    const t = await testApp({ seed: true });
    t.db.$client.prepare("UPDATE users SET onprem_locked_out = 1 WHERE upn = 'ari.adatum@adatum.example'").run();
    const before = state(t);
    const r = await apply(t, "unlock_account", { user: "ari.adatum@adatum.example" });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("writeback_missing_unlock_permission");
    expect(state(t)).toBe(before);
  });
});

describe("bulk requests that cannot be bulk", () => {
  it.each([
    ["send_registration_reminder", { tenant: "contoso.example", code: "too_many_resets" }, 400, "code"],
    ["send_registration_reminder", { tenant: "contoso.example", code: "nonsense" }, 400, "code"],
    ["enable_sspr_for_all", { tenant: "tailspin.example", code: "sspr_disabled" }, 400, "id"],
    ["send_registration_reminder", { tenant: "nowhere.example", code: "not_registered" }, 404, "tenant"],
    ["clear_throttle", { tenant: "contoso.example", code: "too_many_codes_sent", params: { x: 1 } }, 400, "params.x"],
  ])("POST %s/bulk %j → %i %s", async (id, body, status, field) => {
    const t = await testApp({ seed: true });
    const r = await bulk(t, id, body);
    expect(r.status).toBe(status);
    expect(r.body.field).toBe(field);
  });

  it("answers a bulk user step with 409 fix_is_a_user_step", async () => {
    const t = await testApp({ seed: true });
    expect((await bulk(t, "register_methods", { tenant: "contoso.example", code: "not_registered" })).body.code).toBe(
      "fix_is_a_user_step",
    );
  });
});
