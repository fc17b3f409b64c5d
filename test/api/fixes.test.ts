/**
 * The fix API's happy paths: every database fix on the demo persona whose finding it
 * addresses — preview lists the exact change, apply clears the finding (proved by the
 * returned `after`), the audit log has its `fix.<id>` row, and applying twice is
 * harmless (409 fix_not_applicable, no change, no new row). Plus the list, tenant-wide
 * targets with their impact, the guidance of non-automatic fixes, and bulk.
 */
import { describe, expect, it } from "vitest";
import { FIXES } from "../../src/domain/catalogue";
import { testApp, type TestContext } from "../support/test-deps";

type Json = Record<string, any>;
type Role = "support" | "helpdesk" | "admin";

async function preview(t: TestContext, id: string, query: string, role: Role = "admin") {
  const res = await t.app.request(`/api/v1/fixes/${id}/preview?${query}`, { headers: t.auth(role) });
  return { status: res.status, body: (await res.json()) as Json };
}

async function apply(t: TestContext, id: string, body: unknown, role: Role = "admin") {
  const res = await t.app.request(`/api/v1/fixes/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...t.auth(role) },
    body: JSON.stringify(
      body && typeof body === "object" && !Array.isArray(body) ? { reason: "INC-1042", ...body } : body,
    ),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Every table a fix may change, as one comparable string. */
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
  ];
  return JSON.stringify(tables.map((name) => t.db.$client.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all()));
}

const successRows = (t: TestContext, id: string) =>
  t.db.$client
    .prepare("SELECT count(*) FROM audit_log WHERE action = ? AND outcome = 'success'")
    .pluck()
    .get(`fix.${id}`) as number;
const codes = (d: Json) => (d.findings as { code: string }[]).map((f) => f.code);

type Case = { fix: string; login: string; code: string; params?: Json; change: Json };

const CASES: Case[] = [
  {
    fix: "enable_account",
    login: "dana.disabled@contoso.example",
    code: "account_disabled",
    change: { entity: "user", field: "enabled", before: false, after: true },
  },
  {
    fix: "enable_sspr_for_all",
    login: "tom.tailspin@tailspin.example",
    code: "sspr_disabled",
    change: { entity: "policy", field: "enablement", before: "none", after: "all" },
  },
  {
    fix: "enable_sspr_for_group",
    login: "tom.tailspin@tailspin.example",
    code: "sspr_disabled",
    change: { entity: "policy", field: "selectedGroups", before: [], after: ["grp-tailspin-sspr-users"] },
  },
  {
    fix: "add_group_to_sspr_scope",
    login: "nora.northwind@northwind.example",
    code: "sspr_scope_empty",
    change: { entity: "policy", field: "selectedGroups", before: [], after: ["grp-northwind-sspr-users"] },
  },
  {
    fix: "add_user_to_sspr_group",
    login: "oscar.outside@contoso.example",
    code: "user_not_in_sspr_scope",
    change: {
      entity: "group_membership",
      field: "groups",
      before: ["grp-contoso-finance"],
      after: ["grp-contoso-finance", "grp-contoso-sspr-users"],
    },
  },
  {
    fix: "assign_license",
    login: "liam.nolicense@contoso.example",
    code: "no_license",
    change: { entity: "user", field: "license", before: "none", after: "p1" },
  },
  {
    fix: "assign_license",
    login: "basil.basic@contoso.example",
    code: "license_lacks_writeback",
    change: { entity: "user", field: "license", before: "basic", after: "p1" },
  },
  {
    fix: "unlock_account",
    login: "larry.locked@contoso.example",
    code: "onprem_account_locked",
    change: { entity: "user", field: "onPremises.lockedOut", before: true, after: false },
  },
  {
    fix: "clear_throttle",
    login: "bob.blocked@contoso.example",
    code: "reset_blocked_temporarily",
    change: { entity: "throttle", field: "blockedUntil", before: "2026-11-25T05:30:00.000Z", after: null },
  },
  {
    fix: "clear_throttle",
    login: "carl.codes@contoso.example",
    code: "too_many_codes_sent",
    change: { entity: "throttle", field: "codesSentLastHour", before: 5, after: 0 },
  },
  {
    fix: "clear_throttle",
    login: "fay.failed@contoso.example",
    code: "too_many_failed_verifications",
    change: { entity: "throttle", field: "failedVerificationsLast24h", before: 10, after: 0 },
  },
  {
    fix: "clear_throttle",
    login: "rita.resets@contoso.example",
    code: "too_many_resets",
    change: { entity: "throttle", field: "resetsLast24h", before: 5, after: 0 },
  },
  {
    fix: "allow_more_methods",
    login: "will.wingtip@wingtip.example",
    code: "policy_requires_more_methods_than_allowed",
    change: { entity: "policy", field: "methodsAllowed", before: ["email"], after: ["email", "mobile_sms"] },
  },
  {
    fix: "allow_more_methods",
    login: "wes.woodgrove@woodgrove.example",
    code: "security_questions_only_policy",
    change: {
      entity: "policy",
      field: "methodsAllowed",
      before: ["security_questions"],
      after: ["security_questions", "mobile_sms"],
    },
  },
  {
    fix: "require_one_method",
    login: "will.wingtip@wingtip.example",
    code: "policy_requires_more_methods_than_allowed",
    change: { entity: "policy", field: "methodsRequired", before: 2, after: 1 },
  },
  {
    fix: "require_one_method",
    login: "fiona.onemethod@fabrikam.example",
    code: "not_enough_methods",
    change: { entity: "policy", field: "methodsRequired", before: 2, after: 1 },
  },
  {
    fix: "allow_method",
    login: "olga.office@contoso.example",
    code: "registered_methods_not_allowed",
    change: { entity: "policy", field: "methodsAllowed", after: expect.arrayContaining(["office_phone", "email"]) },
  },
  {
    fix: "turn_on_notifications",
    login: "felix.fine@fabrikam.example",
    code: "notifications_off",
    change: { entity: "policy", field: "notifications.notifyUserOnReset", before: false, after: true },
  },
  {
    fix: "require_registration",
    login: "felix.fine@fabrikam.example",
    code: "registration_not_enforced",
    change: { entity: "policy", field: "registration.requireAtSignIn", before: false, after: true },
  },
  {
    fix: "set_helpdesk_contact",
    login: "felix.fine@fabrikam.example",
    code: "helpdesk_contact_missing",
    params: { url: "https://help.fabrikam.example" },
    change: { entity: "policy", field: "helpdesk.url", before: null, after: "https://help.fabrikam.example" },
  },
  {
    fix: "set_reconfirm_days",
    login: "felix.fine@fabrikam.example",
    code: "reconfirm_never",
    change: { entity: "policy", field: "registration.reconfirmDays", before: 0, after: 180 },
  },
  {
    fix: "enable_writeback",
    login: "walt.nowriteback@fabrikam.example",
    code: "writeback_disabled",
    change: { entity: "policy", field: "onPremises.writebackEnabled", before: false, after: true },
  },
  // Version 2
  {
    fix: "enable_sspr_for_admins",
    login: "max.margie@margie.example",
    code: "admin_sspr_off",
    change: { entity: "policy", field: "admins.ssprEnabled", before: false, after: true },
  },
  {
    fix: "remove_methods",
    login: "dana.disabled@contoso.example",
    code: "methods_kept_after_leave",
    change: {
      entity: "user",
      field: expect.stringMatching(/^methods\./),
      before: "email dana@home.example",
      after: null,
    },
  },
];

describe("POST /api/v1/fixes/:id on the persona it is for", () => {
  it.each(CASES.map((c) => [c.fix, c.login, c] as const))(
    "%s for %s: previews the change, clears the finding, audits, and is harmless twice",
    async (id, login, c) => {
      const t = await testApp({ seed: true });
      const query = `user=${encodeURIComponent(login)}${Object.entries(c.params ?? {})
        .map(([k, v]) => `&param=${k}=${encodeURIComponent(String(v))}`)
        .join("")}`;
      const p = await preview(t, id, query, "support");
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ applicable: true, present: expect.arrayContaining([c.code]) });
      expect(p.body.changes).toContainEqual(expect.objectContaining(c.change));
      if (p.body.fix.scope === "tenant")
        expect(p.body.impact).toMatchObject({
          users: expect.any(Number),
          unblocked: expect.any(Number),
          newlyBlocked: expect.any(Number),
        });
      const unchanged = state(t);
      expect(state(t)).toBe(unchanged); // the preview wrote nothing

      const r = await apply(t, id, { user: login, ...(c.params ? { params: c.params } : {}) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ fix: { id }, target: { user: { upn: login } }, audited: true });
      expect(r.body.changes).toContainEqual(expect.objectContaining(c.change));
      expect(codes(r.body.before)).toContain(c.code);
      expect(codes(r.body.after)).not.toContain(c.code);
      expect(successRows(t, id)).toBe(1);

      const applied = state(t);
      const again = await apply(t, id, { user: login, ...(c.params ? { params: c.params } : {}) });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe("fix_not_applicable");
      expect(state(t)).toBe(applied);
      expect(successRows(t, id)).toBe(1);
    },
  );

  it("covers every automatic database fix of the catalogue", () => {
    const covered = new Set([...CASES.map((c) => c.fix), "send_registration_reminder"]);
    const automatic = Object.entries(FIXES)
      .filter(([, f]) => f.automatic)
      .map(([id]) => id);
    expect(automatic.filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe("send_registration_reminder", () => {
  it("emails nina (upn and verified emails) a link to /register, audits it, and refuses a second reminder within 24 h", async () => {
    const t = await testApp({ seed: true });
    const login = "nina.noreg@contoso.example";
    const p = await preview(t, "send_registration_reminder", `user=${login}`, "helpdesk");
    expect(p.body.messages).toEqual([
      expect.objectContaining({ to: login, text: expect.stringContaining("/register") }),
    ]);
    expect(p.body.changes).toEqual([
      expect.objectContaining({ entity: "message", field: "registrationReminderSentAt", before: null }),
    ]);

    const r = await apply(t, "send_registration_reminder", { user: login }, "helpdesk");
    expect(r.status).toBe(200);
    expect(r.body.delivered).toEqual([login]);
    // A reminder cannot register methods for her: the finding stays, the message is the fix.
    expect(codes(r.body.after)).toContain("not_registered");
    expect(t.deps.devMailbox!.forRecipient(login)).toHaveLength(1);
    expect(t.deps.devMailbox!.forRecipient(login)[0]!.text).toContain("/register");
    expect(successRows(t, "send_registration_reminder")).toBe(1);

    const again = await apply(t, "send_registration_reminder", { user: login }, "helpdesk");
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "fix_not_applicable", reason: "reminder_recently_sent" });
    expect(t.deps.devMailbox!.forRecipient(login)).toHaveLength(1);
    expect(successRows(t, "send_registration_reminder")).toBe(1);

    t.clock.advance(25 * 3_600_000);
    expect((await apply(t, "send_registration_reminder", { user: login }, "helpdesk")).status).toBe(200);
    expect(t.deps.devMailbox!.forRecipient(login)).toHaveLength(2);
  });
});

describe("GET /api/v1/fixes", () => {
  it("lists every catalogue fix with its actor, scope and the findings that name it", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/fixes", { headers: t.auth("support") });
    expect(res.status).toBe(200);
    const { fixes } = (await res.json()) as { fixes: Json[] };
    expect(fixes.map((f) => f.id)).toEqual(Object.keys(FIXES));
    expect(fixes.find((f) => f.id === "clear_throttle")).toEqual({
      id: "clear_throttle",
      title: FIXES.clear_throttle.title,
      actor: "helpdesk",
      scope: "user",
      automatic: true,
      params: {},
      addresses: [
        "reset_blocked_temporarily",
        "too_many_codes_sent",
        "too_many_failed_verifications",
        "too_many_resets",
      ],
    });
    expect(fixes.find((f) => f.id === "enable_sspr_for_all")).toMatchObject({
      scope: "tenant",
      addresses: ["sspr_disabled"],
    });
  });
});

describe("tenant-wide fixes aimed at a tenant", () => {
  it("previews require_one_method for fabrikam with the users it unblocks", async () => {
    const t = await testApp({ seed: true });
    const p = await preview(t, "require_one_method", "tenant=fabrikam.example");
    expect(p.body).toMatchObject({
      applicable: true,
      affectedUsers: 1,
      impact: { users: 3, unblocked: 1, newlyBlocked: 0, unblockedUsers: ["fiona.onemethod@fabrikam.example"] },
    });
  });

  it("counts the users losing an info finding, which changes no verdict (what-if path)", async () => {
    const t = await testApp({ seed: true });
    const p = await preview(t, "turn_on_notifications", "tenant=fabrikam.example");
    expect(p.body.impact).toMatchObject({
      users: 3,
      unblocked: 0,
      findings: { notifications_off: { before: 3, after: 0 } },
    });
  });

  it("measures a change beyond the policy (registering the connector) in a rolled-back dry run", async () => {
    const t = await testApp({ seed: true });
    const before = state(t);
    const p = await preview(t, "enable_writeback", "tenant=fabrikam.example");
    expect(p.body.impact).toMatchObject({
      users: 3,
      unblocked: 1,
      unblockedUsers: ["walt.nowriteback@fabrikam.example"],
      findings: { writeback_disabled: { before: 1, after: 0 } },
    });
    expect(state(t)).toBe(before);
  });

  it("turns notifications on for fabrikam and proves it for every user who had the finding", async () => {
    const t = await testApp({ seed: true });
    const r = await apply(t, "turn_on_notifications", { tenant: "fabrikam.example" });
    expect(r.status).toBe(200);
    expect(r.body.tenant).toEqual({ users: 3, cleared: 3, witness: "felix.fine@fabrikam.example" });
    expect(codes(r.body.after)).not.toContain("notifications_off");
    const row = t.db.$client
      .prepare("SELECT target_user_id, detail FROM audit_log WHERE action = 'fix.turn_on_notifications'")
      .get() as { target_user_id: string | null; detail: string };
    expect(row.target_user_id).toBeNull();
    expect((await apply(t, "turn_on_notifications", { tenant: "fabrikam.example" })).body.code).toBe(
      "fix_not_applicable",
    );
  });

  it("turns SSPR on for all of tailspin", async () => {
    const t = await testApp({ seed: true });
    const r = await apply(t, "enable_sspr_for_all", { tenant: "tailspin.example" });
    expect(r.status).toBe(200);
    expect(r.body.after.verdict).not.toBe("blocked");
  });
});

describe("fixes a person must do: preview guides, POST answers 409 with the guidance", () => {
  it.each([
    ["register_methods", "pete.phone@contoso.example", "/register", "26000007"],
    ["confirm_methods", "reggie.reconfirm@contoso.example", "/register", "200 days ago"],
    ["request_new_code", "eli.expired@contoso.example", "/reset", "10 minutes"],
    ["retry_verification", "vera.wrongcode@contoso.example", "/reset", "9 more wrong attempts"],
    [
      "choose_another_password",
      "otto.onprem@contoso.example",
      "/reset",
      "on-premises directory also requires at least 8",
    ],
    ["reset_in_home_organization", "gina_fabrikam.example#EXT#@contoso.example", "/reset", "gina@fabrikam.example"],
  ])("%s for %s leads to %s", async (id, login, page, mention) => {
    const t = await testApp({ seed: true });
    const p = await preview(t, id, `user=${encodeURIComponent(login)}`, "support");
    expect(p.body).toMatchObject({
      applicable: true,
      mayApply: false,
      changes: [],
      guidance: { kind: "user_step", page },
    });
    expect(p.body.guidance.steps.join(" ")).toContain(mention);
    const before = state(t);
    const r = await apply(t, id, { user: login });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: "fix_is_a_user_step", guidance: { page } });
    expect(state(t)).toBe(before);
  });

  it.each([
    ["carl.codes@contoso.example", "2026-11-24T09:40:00.000Z", "too_many_codes_sent"],
    ["bob.blocked@contoso.example", "2026-11-25T05:30:00.000Z", "reset_blocked_temporarily"],
    ["mia.minage@contoso.example", "2026-11-25T07:30:00.000Z", "onprem_min_password_age"],
    ["sid.smartlocked@contoso.example", "2026-11-24T11:30:00.000Z", "cloud_smart_lockout"],
  ])("wait_until_unblocked tells %s to wait until %s", async (login, until, code) => {
    const t = await testApp({ seed: true });
    const p = await preview(t, "wait_until_unblocked", `user=${login}`);
    expect(p.body.guidance).toMatchObject({ kind: "wait", until, reasons: [expect.objectContaining({ code, until })] });
    const r = await apply(t, "wait_until_unblocked", { user: login });
    expect(r.body).toMatchObject({ code: "fix_is_a_wait", guidance: { until } });
  });

  it.each([
    [
      "grant_connector_permissions",
      "user=ari.adatum@adatum.example",
      'dsacls "OU=Users,DC=adatum,DC=example" /I:S /G "ADATUM\\svc-sspr-writeback:CA;Reset Password;user"',
    ],
    ["grant_connector_permissions", "user=paul.proseware@proseware.example", "RPWP;pwdLastSet;user"],
    [
      "clear_cannot_change_password",
      "user=carol.cannotchange@contoso.example",
      'Set-ADUser -Identity "carol.cannotchange" -CannotChangePassword $false',
    ],
    ["reset_by_onprem_admin", "user=pam.protected@contoso.example", "Set-ADAccountPassword"],
    ["set_min_age_zero", "user=mia.minage@contoso.example", "-MinPasswordAge 00:00:00"],
    ["reconnect_writeback", "user=lily.litware@litware.example", "Test-NetConnection"],
    ["review_shared_methods", "tenant=contoso.example", "+37120009999 is registered by 4 users"],
    // Version 2
    [
      "allow_remote_sam_for_connector",
      "user=cora.consolidated@consolidated.example",
      "Restrict clients allowed to make remote calls to SAM",
    ],
    [
      "upgrade_domain_controllers",
      "user=cora.consolidated@consolidated.example",
      "Get-ADDomainController -Filter * -Server consolidated.example",
    ],
    ["check_sync_scope", "user=nils.notfound@contoso.example", 'Get-ADUser -Identity "nils.notfound"'],
    ["fix_duplicate_anchor", "user=amos.ambiguous@contoso.example", "sAMAccountName=amos.ambiguous"],
    [
      "enable_onprem_account",
      "user=dora.onpremdisabled@contoso.example",
      'Enable-ADAccount -Identity "dora.onpremdisabled"',
    ],
    ["inspect_connector_log", "user=uri.unknownerror@contoso.example", "Get-WinEvent -LogName Application"],
  ])("%s (%s) is a runbook: %s", async (id, query, command) => {
    const t = await testApp({ seed: true });
    const p = await preview(t, id, query, "support");
    expect(p.body.guidance).toMatchObject({ kind: "runbook", automatic: false });
    expect(JSON.stringify(p.body.guidance.steps)).toContain(JSON.stringify(command).slice(1, -1));
    const r = await apply(t, id, Object.fromEntries([query.split("=")]));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe(id === "review_shared_methods" ? "fix_is_manual" : "fix_needs_onprem_admin");
    expect(r.body.guidance.kind).toBe("runbook");
  });

  it.each([
    ["check_mail_filtering", "della.delivery@contoso.example", "carrier rejected: unknown subscriber"],
    [
      "supply_missing_facts",
      "ines.imported@contoso.example",
      "Read methods[].verified from Graph GET /users/{id}/authentication/methods",
    ],
    ["complete_methods_migration", "max.margie@margie.example", 'The methods policy migration is \\"preMigration\\"'],
  ])("%s for %s is an administrator's runbook naming the user's own facts", async (id, login, text) => {
    const t = await testApp({ seed: true });
    const p = await preview(t, id, `user=${encodeURIComponent(login)}`, "support");
    expect(p.body.guidance).toMatchObject({ kind: "runbook", automatic: false });
    expect(JSON.stringify(p.body.guidance.steps)).toContain(text);
    const r = await apply(t, id, { user: login });
    expect(r.status).toBe(409);
    expect(r.body.guidance.kind).toBe("runbook");
  });

  it("guides a federated user to the identity provider, and a cloud-write failure to wait for the next sync", async () => {
    const t = await testApp({ seed: true });
    const federated = await preview(
      t,
      "reset_at_identity_provider",
      "user=fred.federated%40contoso.example",
      "support",
    );
    expect(federated.body.guidance).toMatchObject({ kind: "user_step" });
    expect(federated.body.guidance.steps.join(" ")).toContain("sign in at your organization's own sign-in provider");
    const cloud = await preview(t, "retry_cloud_write", "user=cleo.cloudfail%40contoso.example", "support");
    expect(cloud.body.guidance).toMatchObject({ kind: "wait", until: null });
    expect(cloud.body.guidance.steps.join(" ")).toContain("next sync");
  });

  it("names the user's DN in a user runbook", async () => {
    const t = await testApp({ seed: true });
    const p = await preview(t, "clear_cannot_change_password", "user=carol.cannotchange@contoso.example");
    expect(p.body.guidance.objects.dn).toBe("CN=Carol Cannotchange,OU=Users,DC=contoso,DC=example");
  });
});

describe("POST /api/v1/fixes/:id/bulk", () => {
  it("reminds every not_registered user of contoso once, and skips them when repeated", async () => {
    const t = await testApp({ seed: true });
    const bulk = async () => {
      const res = await t.app.request("/api/v1/fixes/send_registration_reminder/bulk", {
        method: "POST",
        headers: { "content-type": "application/json", ...t.auth("helpdesk") },
        body: JSON.stringify({ tenant: "contoso.example", code: "not_registered" }),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const first = await bulk();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      attempted: 1,
      applied: 1,
      skipped: 0,
      failed: 0,
      users: [{ upn: "nina.noreg@contoso.example", outcome: "applied" }],
    });
    const sent = t.deps.devMailbox!.list().length;
    const second = await bulk();
    expect(second.body).toMatchObject({
      attempted: 1,
      applied: 0,
      skipped: 1,
      users: [{ outcome: "skipped", code: "reminder_recently_sent" }],
    });
    expect(t.deps.devMailbox!.list()).toHaveLength(sent);
  });

  it("clears the throttle of every user who asked for too many codes; a second run finds nobody", async () => {
    const t = await testApp({ seed: true });
    const bulk = async () =>
      (await (
        await t.app.request("/api/v1/fixes/clear_throttle/bulk", {
          method: "POST",
          headers: { "content-type": "application/json", ...t.auth("helpdesk") },
          body: JSON.stringify({ tenant: "contoso.example", code: "too_many_codes_sent" }),
        })
      ).json()) as Json;
    expect(await bulk()).toMatchObject({
      attempted: 1,
      applied: 1,
      users: [{ upn: "carl.codes@contoso.example", outcome: "applied" }],
    });
    expect(await bulk()).toMatchObject({ attempted: 0, applied: 0, users: [] });
  });
});
