/**
 * The policy editor, over the API and the admin pages: a preview shows who a draft would
 * unblock, block or put at risk; applying needs a reason and leaves a version and an audit
 * row and changes what a diagnosis says; a revert restores the earlier policy as a new
 * version; only admins may touch any of it; bad input names its field.
 */
import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/domain/staff";
import { formBrowser } from "../support/form-browser";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

const BASE = "/api/v1/tenants/contoso.example/policy";
const OSCAR = "oscar.outside@contoso.example";

const json = (t: TestContext, method: string, path: string, body?: unknown, role: StaffRole = "admin") =>
  t.app.request(path, {
    method,
    headers: { ...t.auth(role), "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function primaryOf(t: TestContext, user: string) {
  const res = await json(t, "POST", "/api/v1/diagnose", { user });
  expect(res.status).toBe(200);
  return ((await res.json()) as { primary: string | null }).primary;
}

function auditRows(t: TestContext, action: string) {
  return t.db.$client.prepare("SELECT * FROM audit_log WHERE action = ? ORDER BY id").all(action) as {
    actor_id: string;
    detail: string;
  }[];
}

describe("policy editor API", () => {
  it("previews a draft: who it unblocks, grouped by the finding that clears, and saves nothing", async () => {
    const t = await testApp({ seed: true });
    const res = await json(t, "POST", `${BASE}/preview`, { policy: { enablement: "all" } });
    expect(res.status).toBe(200);
    const p = (await res.json()) as {
      changes: { field: string; after: unknown }[];
      newlyAble: { count: number; users: { upn: string }[]; byFinding: Record<string, { users: { upn: string }[] }> };
      newlyBlocked: { count: number };
      newlyAtRisk: { count: number };
    };
    expect(p.changes).toContainEqual(expect.objectContaining({ field: "enablement", after: "all" }));
    expect(p.newlyAble.users.map((u) => u.upn)).toEqual([OSCAR]);
    expect(p.newlyAble.byFinding.user_not_in_sspr_scope!.users.map((u) => u.upn)).toEqual([OSCAR]);
    expect(p.newlyBlocked.count).toBe(0);
    expect(p.newlyAtRisk.count).toBe(0);
    expect(await primaryOf(t, OSCAR)).toBe("user_not_in_sspr_scope");
  });

  it("applies with a reason: a version, a policy.change audit row, and the diagnosis follows", async () => {
    const t = await testApp({ seed: true });
    expect(await primaryOf(t, OSCAR)).toBe("user_not_in_sspr_scope");
    const res = await json(t, "PUT", BASE, { policy: { enablement: "all" }, reason: "Ticket 1: everyone" });
    expect(res.status).toBe(200);
    const applied = (await res.json()) as { version: number; policy: { enablement: string } };
    // Version 1 is the policy before the first edit, so it can be gone back to.
    expect(applied).toMatchObject({ version: 2, policy: { enablement: "all" } });
    expect(await primaryOf(t, OSCAR)).not.toBe("user_not_in_sspr_scope");
    const got = (await (await json(t, "GET", BASE)).json()) as { enablement: string };
    expect(got.enablement).toBe("all");

    const rows = auditRows(t, "policy.change");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ version: 2, reason: "Ticket 1: everyone" });

    const versions = (await (await json(t, "GET", `${BASE}/versions`)).json()) as {
      versions: {
        version: number;
        reason: string;
        actor: { name: string };
        changes: { field: string }[];
        at: string;
      }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.versions[0]).toMatchObject({ reason: "Ticket 1: everyone", actor: { name: "test admin" } });
    expect(versions.versions[0]!.changes.map((c) => c.field)).toContain("enablement");
  });

  it("edits the v2 fields and every nested one", async () => {
    const t = await testApp({ seed: true });
    const policy = {
      admins: { ssprEnabled: false },
      methodsPolicy: { migrationState: "preMigration" },
      securityQuestions: { toRegister: 5, toReset: 4 },
      notifications: { notifyAdminsOnAdminReset: false },
      onPremises: { allowUnlockWithoutReset: true },
    };
    expect((await json(t, "PUT", BASE, { policy, reason: "v2" })).status).toBe(200);
    const got = await (await json(t, "GET", BASE)).json();
    expect(got).toMatchObject(policy);
  });

  it("refuses a change without a reason: 400 naming reason, nothing written", async () => {
    const t = await testApp({ seed: true });
    for (const body of [{ policy: { enablement: "all" } }, { policy: { enablement: "all" }, reason: "  " }]) {
      const res = await json(t, "PUT", BASE, body);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).field).toBe("reason");
    }
    const res = await json(t, "POST", `${BASE}/versions/1/revert`, {});
    expect(res.status).toBe(400);
    expect((await problemOf(res)).field).toBe("reason");
    expect(auditRows(t, "policy.change")).toHaveLength(0);
    expect(await primaryOf(t, OSCAR)).toBe("user_not_in_sspr_scope");
  });

  it("names the bad field of a policy", async () => {
    const t = await testApp({ seed: true });
    const cases: [unknown, string][] = [
      [{ methodsRequired: 3 }, "policy.methodsRequired"],
      [{ securityQuestions: { toReset: 9 } }, "policy.securityQuestions.toReset"],
      [{ methodsPolicy: { migrationState: "later" } }, "policy.methodsPolicy.migrationState"],
      [{ selectedGroups: ["grp-nowhere"] }, "policy.selectedGroups"],
    ];
    for (const [policy, field] of cases) {
      const res = await json(t, "PUT", BASE, { policy, reason: "bad" });
      expect(res.status, field).toBe(400);
      expect((await problemOf(res)).field).toBe(field);
    }
  });

  it("reverts to an earlier version: the policy comes back, as a new audited version", async () => {
    const t = await testApp({ seed: true });
    await json(t, "PUT", BASE, { policy: { enablement: "all", admins: { ssprEnabled: false } }, reason: "widen" });
    const preview = (await (await json(t, "POST", `${BASE}/versions/1/preview-revert`)).json()) as {
      changes: { field: string }[];
    };
    expect(preview.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["enablement", "admins.ssprEnabled"]));
    const res = await json(t, "POST", `${BASE}/versions/1/revert`, { reason: "undo" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { version: number }).version).toBe(3);
    const got = (await (await json(t, "GET", BASE)).json()) as { enablement: string; admins?: unknown };
    expect(got.enablement).toBe("selected");
    expect(got.admins).toBeUndefined();
    expect(await primaryOf(t, OSCAR)).toBe("user_not_in_sspr_scope");
    const rows = auditRows(t, "policy.revert");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ version: 3, revertOf: 1, reason: "undo" });
    const versions = (await (await json(t, "GET", `${BASE}/versions`)).json()) as {
      versions: { version: number; revertOf: number | null }[];
    };
    expect(versions.versions[0]).toMatchObject({ version: 3, revertOf: 1 });
    expect((await json(t, "POST", `${BASE}/versions/9/revert`, { reason: "x" })).status).toBe(404);
  });

  it("is for admins only: support and helpdesk get 403, no token 401", async () => {
    const t = await testApp({ seed: true });
    for (const role of ["support", "helpdesk"] as const) {
      expect((await json(t, "GET", BASE, undefined, role)).status).toBe(403);
      expect((await json(t, "PUT", BASE, { policy: { enablement: "all" }, reason: "x" }, role)).status).toBe(403);
      expect((await json(t, "POST", `${BASE}/preview`, { policy: {} }, role)).status).toBe(403);
      expect((await json(t, "GET", `${BASE}/versions`, undefined, role)).status).toBe(403);
      expect((await json(t, "POST", `${BASE}/versions/1/revert`, { reason: "x" }, role)).status).toBe(403);
    }
    expect((await t.app.request(BASE)).status).toBe(401);
  });
});

/** The fields a browser would post for a form: inputs, checked boxes, selected options. */
function formFields(html: string, testid: string): Record<string, string[]> {
  const form = new RegExp(`<form[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? "";
  const out: Record<string, string[]> = {};
  const add = (k: string, v: string) => (out[k] ??= []).push(v);
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="checkbox"/.test(attrs) && !/\schecked(=""|\s|$)/.test(attrs)) continue;
    add(name, /value="([^"]*)"/.exec(attrs)?.[1] ?? "on");
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    add(m[1]!, /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? "");
  return out;
}

/** Form-encodes fields with repeats, the CSRF field of the page it came from, and posts them. */
async function postForm(t: TestContext, cookie: string, path: string, html: string, fields: Record<string, string[]>) {
  const body = new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "" });
  for (const [k, vs] of Object.entries(fields)) for (const v of vs) body.append(k, v);
  return t.app.request(path, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

async function signedIn(t: TestContext, role: StaffRole) {
  const b = formBrowser(t);
  await b.get("/admin/sign-in");
  await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" });
  return b;
}

/** The session cookie a signed-in formBrowser holds (read back from a fresh sign-in response). */
async function sessionCookie(t: TestContext, role: StaffRole): Promise<string> {
  const page = await t.app.request("/admin/sign-in");
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const i = pair.indexOf("=");
      if (pair.slice(i + 1)) jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(page);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  keep(
    await t.app.request("/admin/sign-in", {
      method: "POST",
      headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, token: t.tokens[role], next: "/admin" }).toString(),
    }),
  );
  return cookie();
}

describe("policy editor pages", () => {
  const PAGE = "/admin/tenants/tnt-contoso/policy";

  it("previews a draft with the users it frees by finding, applies it with a reason, and lists the version", async () => {
    const t = await testApp({ seed: true });
    const cookie = await sessionCookie(t, "admin");
    const editor = await t.app.request(PAGE, { headers: { cookie } });
    expect(editor.status).toBe(200);
    const html = await editor.text();
    const fields = formFields(html, "policy-form");
    expect(fields.migrationState).toEqual(["migrationComplete"]);
    expect(fields.adminsSsprEnabled).toEqual(["on"]);

    const preview = await postForm(t, cookie, PAGE, html, { ...fields, enablement: ["all"], intent: ["preview"] });
    expect(preview.status).toBe(200);
    const shown = await preview.text();
    expect(shown).toMatch(/data-testid="newly-able" data-count="1"/);
    expect(shown).toMatch(/data-code="user_not_in_sspr_scope"[\s\S]*oscar\.outside@contoso\.example/);
    expect(auditRows(t, "policy.change")).toHaveLength(0);

    const noReason = await postForm(t, cookie, PAGE, shown, { ...fields, enablement: ["all"], intent: ["apply"] });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/data-field="reason"/);
    expect(auditRows(t, "policy.change")).toHaveLength(0);

    const apply = await postForm(t, cookie, PAGE, shown, {
      ...fields,
      enablement: ["all"],
      reason: ["Ticket 2: open to all"],
      intent: ["apply"],
    });
    expect(apply.status).toBe(303);
    expect(auditRows(t, "policy.change")).toHaveLength(1);
    expect(await primaryOf(t, OSCAR)).not.toBe("user_not_in_sspr_scope");

    const history = await (await t.app.request(apply.headers.get("location")!, { headers: { cookie } })).text();
    expect(history).toMatch(/data-version="2"[\s\S]*test admin[\s\S]*Ticket 2: open to all[\s\S]*enablement/);
    expect(history).toContain("/policy/versions/1/revert");
  });

  it("names the bad field of a posted policy", async () => {
    const t = await testApp({ seed: true });
    const cookie = await sessionCookie(t, "admin");
    const html = await (await t.app.request(PAGE, { headers: { cookie } })).text();
    const res = await postForm(t, cookie, PAGE, html, {
      ...formFields(html, "policy-form"),
      questionsToReset: ["9"],
      intent: ["preview"],
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/data-field="policy.securityQuestions.toReset"/);
  });

  it("reverts through the history: the what-if of going back, then a new audited version", async () => {
    const t = await testApp({ seed: true });
    await json(t, "PUT", BASE, { policy: { enablement: "all" }, reason: "widen" });
    const cookie = await sessionCookie(t, "admin");
    const path = `${PAGE}/versions/1/revert`;
    const page = await t.app.request(path, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/data-testid="newly-blocked" data-count="1"/);
    expect(html).toMatch(/data-field="enablement"/);
    expect((await postForm(t, cookie, path, html, { reason: [""] })).status).toBe(400);
    const res = await postForm(t, cookie, path, html, { reason: ["undo"] });
    expect(res.status).toBe(303);
    expect(auditRows(t, "policy.revert")).toHaveLength(1);
    expect(await primaryOf(t, OSCAR)).toBe("user_not_in_sspr_scope");
  });

  it("is for admins only: support and helpdesk get 403", async () => {
    const t = await testApp({ seed: true });
    for (const role of ["support", "helpdesk"] as const) {
      const b = await signedIn(t, role);
      expect((await b.get(PAGE)).status).toBe(403);
      expect((await b.get(`${PAGE}/versions`)).status).toBe(403);
      expect((await b.post(PAGE, { enablement: "all", reason: "x", intent: "apply" })).status).toBe(403);
    }
    expect(auditRows(t, "policy.change")).toHaveLength(0);
  });
});

describe("policy editor in Latvian", () => {
  it("links from the what-if page and speaks Latvian", async () => {
    const t = await testApp({ seed: true });
    const cookie = await sessionCookie(t, "admin");
    const whatIf = await (await t.app.request("/admin/tenants/tnt-contoso/what-if", { headers: { cookie } })).text();
    expect(whatIf).toContain('href="/admin/tenants/tnt-contoso/policy"');
    const lv = await t.app.request("/admin/tenants/tnt-contoso/policy?lang=lv", {
      headers: { cookie, "accept-language": "lv" },
    });
    expect(await lv.text()).toContain("Priekšskatīt");
  });
});
