/**
 * Set-up without the demo through /admin (issue 16 item 1): on a database with no tenant,
 * signing in with the bootstrap SSPR_ADMIN_TOKEN shows the first-run page; an admin then
 * creates a tenant, its policy, groups (nested), a user and a membership, and imports a
 * CSV (dry run, real run, re-run, bad rows) — each change in the audit log. Lower roles
 * are refused.
 */
import { afterAll, describe, expect, it } from "vitest";
import { queryAudit } from "../../src/db/audit";
import { directGroupIds } from "../../src/db/groups";
import { groupByName, nestingEdges, policyRow, userByUpn } from "../../src/db/setup";
import { findTenant } from "../../src/db/tenants";
import { testApp, type TestContext } from "../support/test-deps";

const BOOTSTRAP = "bootstrap-token-for-the-first-run-0123456789";

/** Keeps cookies and the last page's CSRF field; follows no redirect. */
function browser(t: TestContext) {
  const jar = new Map<string, string>();
  let last = "";
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const csrf = () => /name="_csrf" value="([^"]+)"/.exec(last)?.[1] ?? "";
  const b = {
    get html() {
      return last;
    },
    async get(path: string) {
      const res = await t.app.request(path, { headers: { cookie: cookie() } });
      remember(res);
      last = await res.text();
      return res;
    },
    async post(path: string, fields: Record<string, string | string[]>) {
      const body = new URLSearchParams({ _csrf: csrf() });
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      const res = await t.app.request(path, {
        method: "POST",
        headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      });
      remember(res);
      last = await res.clone().text();
      return res;
    },
    async upload(path: string, csv: string, dryRun: boolean) {
      const body = new FormData();
      body.append("_csrf", csrf());
      body.append("file", new File([csv], "people.csv", { type: "text/csv" }));
      if (dryRun) body.append("dryRun", "on");
      const res = await t.app.request(path, { method: "POST", headers: { cookie: cookie() }, body });
      remember(res);
      last = await res.text();
      return res;
    },
    async signIn(token: string) {
      await b.get("/admin/sign-in");
      const res = await b.post("/admin/sign-in", { token, next: "/admin" });
      expect(res.status).toBe(303);
    },
  };
  return b;
}

const PEOPLE = [
  "userPrincipalName,displayName,department,groups,accountEnabled,licence",
  "ada@acme.example,Ada Lovelace,Engineering,SSPR users,true,p2",
  "bob@acme.example,Bob Builder,Engineering,,false,p1",
].join("\n");

describe("/admin set-up on a database without the demo", async () => {
  const t = await testApp({ adminToken: BOOTSTRAP });
  afterAll(() => t.close());
  const b = browser(t);

  it("shows the first-run page when there is no tenant", async () => {
    await b.signIn(BOOTSTRAP);
    const res = await b.get("/admin");
    expect(res.status).toBe(200);
    expect(b.html).toContain('data-testid="first-run"');
    expect(b.html).toContain("Create your first tenant");
    expect(b.html).not.toContain('data-testid="tenants"');
  });

  it("creates a tenant, then a policy, nested groups, a user and a membership", async () => {
    let res = await b.post("/admin/tenants", { name: "Acme", domain: "Acme.Example" });
    expect(res.status).toBe(303);
    const tenant = findTenant(t.db, "acme.example")!;
    expect(tenant).toMatchObject({ name: "Acme", domain: "acme.example" });
    const base = `/admin/tenants/${tenant.id}`;
    expect(res.headers.get("location")).toBe(`${base}/setup`);

    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/groups`, { name: "All staff", parentId: "" })).status).toBe(303);
    const all = groupByName(t.db, tenant.id, "all staff")!;
    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/groups`, { name: "SSPR users", parentId: all.id })).status).toBe(303);
    const sspr = groupByName(t.db, tenant.id, "SSPR users")!;
    await b.get(`${base}/setup`);
    const cycle = await b.post(`${base}/nesting`, { parentId: sspr.id, childId: all.id });
    expect(cycle.status).toBe(400);
    expect(b.html).toContain("cycle");

    // The policy step is the versioned editor: a draft, its what-if, then applied with a reason.
    await b.get(`${base}/setup`);
    expect(b.html).toContain(`href="${base}/policy"`);
    await b.get(`${base}/policy`);
    const policy = {
      enablement: "selected",
      selectedGroups: [sspr.id],
      methodsAllowed: ["email", "authenticator_code"],
      methodsRequired: "2",
      questionsToRegister: "4",
      questionsToReset: "3",
      reconfirmDays: "90",
      notifyUserOnReset: "on",
      helpdeskUrl: "https://help.acme.example",
      helpdeskEmail: "",
      writebackEnabled: "on",
      adminsSsprEnabled: "on",
      migrationState: "migrationInProgress",
    };
    res = await b.post(`${base}/policy`, { ...policy, reason: "", intent: "apply" });
    expect(res.status).toBe(400);
    expect(b.html).toContain('id="reason-error"');
    expect(policyRow(t.db, tenant.id)?.enablement).toBe("none");
    res = await b.post(`${base}/policy`, { ...policy, reason: "First set-up", intent: "apply" });
    expect(res.status, b.html).toBe(303);
    expect(policyRow(t.db, tenant.id)).toMatchObject({
      enablement: "selected",
      methodsAllowed: ["email", "authenticator_code"],
      methodsRequired: 2,
      questionsToRegister: 4,
      requireRegistrationAtSignIn: false,
      reconfirmDays: 90,
      notifyAdminsOnAdminReset: false,
      helpdeskUrl: "https://help.acme.example",
      writebackEnabled: true,
      methodsMigrationState: "migrationInProgress",
    });

    // The banned words are a tenant setting beside its name, not a policy version.
    await b.get(`${base}/setup`);
    res = await b.post(`${base}/settings`, { name: "Acme Ltd", bannedWords: "acme\nwidget" });
    expect(res.status, b.html).toBe(303);
    expect(findTenant(t.db, "acme.example")?.name).toBe("Acme Ltd");
    expect(policyRow(t.db, tenant.id)?.bannedWords).toEqual(["acme", "widget"]);

    await b.get(`${base}/setup`);
    res = await b.post(`${base}/users`, {
      upn: "root@acme.example",
      displayName: "Root",
      type: "member",
      source: "synced",
      enabled: "on",
      roles: "global_admin, helpdesk_admin",
      license: "p2",
    });
    expect(res.status, b.html).toBe(303);
    const root = userByUpn(t.db, "root@acme.example")!;
    expect(root).toMatchObject({ source: "synced", roles: ["global_admin", "helpdesk_admin"], license: "p2" });
    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/members`, { upn: "root@acme.example", groupId: all.id })).status).toBe(303);

    const actions = queryAudit(t.db, { action: "setup.*", limit: 50 }).entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "setup.tenant_create",
        "setup.group_save",
        "setup.group_nest",
        "setup.tenant_update",
        "setup.user_save",
        "setup.membership_add",
      ]),
    );
    await b.get("/admin");
    expect(b.html).not.toContain('data-testid="first-run"');
    expect(b.html).toContain('data-testid="tenants"');
  });

  it("refuses to add a user whose sign-in name exists, beside the field with a link to edit it, and changes nothing", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    const base = `/admin/tenants/${tenant.id}`;
    const before = userByUpn(t.db, "root@acme.example")!;
    const saves = queryAudit(t.db, { action: "setup.user_save", limit: 50 }).entries.length;
    await b.get(`${base}/setup`);
    const res = await b.post(`${base}/users`, {
      intent: "add",
      upn: "Root@Acme.example",
      displayName: "Someone else",
      type: "member",
      source: "cloud",
      roles: "",
      license: "p1",
    });
    expect(res.status).toBe(409);
    expect(b.html).toMatch(/id="user-upn-error" data-field="upn">This user already exists — edit it instead\./);
    expect(b.html).toContain(`href="${base}/users/edit?upn=root%40acme.example"`);
    expect(b.html).toContain('value="Someone else"');
    expect(userByUpn(t.db, "root@acme.example")).toEqual(before);
    expect(queryAudit(t.db, { action: "setup.user_save", limit: 50 }).entries).toHaveLength(saves);
  });

  it("lists each user with an Edit link to a form pre-filled from the stored user", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    const base = `/admin/tenants/${tenant.id}`;
    await b.get("/admin/users");
    expect(b.html).toContain(`href="${base}/users/edit?upn=root%40acme.example"`);
    const res = await b.get(`${base}/users/edit?upn=root%40acme.example`);
    expect(res.status).toBe(200);
    const form = /<form[^>]*data-testid="user-edit"[\s\S]*?<\/form>/.exec(b.html)?.[0] ?? "";
    expect(form).toContain('value="Root"');
    expect(form).toContain('value="global_admin, helpdesk_admin"');
    expect(form).toMatch(/<option value="synced" selected="">/);
    expect(form).toMatch(/<option value="p2" selected="">/);
    expect(form).toMatch(/<option value="member" selected="">/);
    expect(form).toMatch(/name="enabled" checked=""/);
    expect((await b.get(`${base}/users/edit?upn=nobody%40acme.example`)).status).toBe(404);
  });

  it("editing only the display name keeps roles, licence and enabled; a blank one is refused beside the field", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    const base = `/admin/tenants/${tenant.id}`;
    const before = userByUpn(t.db, "root@acme.example")!;
    // What the pre-filled form sends when only the display name was changed.
    const sent = {
      intent: "edit",
      upn: "root@acme.example",
      type: "member",
      source: "synced",
      enabled: "on",
      roles: "global_admin, helpdesk_admin",
      license: "p2",
    };
    await b.get(`${base}/users/edit?upn=root%40acme.example`);
    let res = await b.post(`${base}/users`, { ...sent, displayName: "  " });
    expect(res.status).toBe(400);
    expect(b.html).toContain('id="user-displayName-error" data-field="displayName"');
    res = await b.post(`${base}/users`, { ...sent, displayName: "Root", roles: "global_admin, Not A Role" });
    expect(res.status).toBe(400);
    expect(b.html).toContain('id="user-roles-error" data-field="roles"');
    expect(b.html).toContain('value="global_admin, Not A Role"');
    expect(userByUpn(t.db, "root@acme.example")).toEqual(before);

    res = await b.post(`${base}/users`, { ...sent, displayName: "Root Admin" });
    expect(res.status, b.html).toBe(303);
    expect(userByUpn(t.db, "root@acme.example")).toEqual({ ...before, displayName: "Root Admin" });
  });

  it("imports a CSV: a dry run writes nothing, a real run creates, a re-run changes nothing", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    const base = `/admin/tenants/${tenant.id}`;
    await b.get(`${base}/setup`);
    expect(b.html).toContain('enctype="multipart/form-data"');
    let res = await b.upload(`${base}/import`, PEOPLE, true);
    expect(res.status).toBe(200);
    expect(b.html).toContain("Dry run: nothing was written.");
    expect(userByUpn(t.db, "ada@acme.example")).toBeUndefined();

    await b.get(`${base}/setup`);
    res = await b.upload(`${base}/import`, PEOPLE, false);
    expect(b.html).toContain("Imported.");
    expect(b.html).toContain("2 users created");
    expect(userByUpn(t.db, "bob@acme.example")).toMatchObject({ enabled: false });

    await b.get(`${base}/setup`);
    await b.upload(`${base}/import`, PEOPLE, false);
    expect(b.html).toContain("No changes: nothing was written.");
  });

  it("names each rejected row by row and column, and writes nothing", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    await b.get(`/admin/tenants/${tenant.id}/setup`);
    const res = await b.upload(
      `/admin/tenants/${tenant.id}/import`,
      "userPrincipalName,displayName,licence\nnew@acme.example,New,p1\nbad,Bad,gold\n",
      false,
    );
    expect(res.status).toBe(422);
    expect(b.html).toMatch(/<td>3<\/td><td>userPrincipalName<\/td>/);
    expect(b.html).toMatch(/<td>3<\/td><td>licence<\/td>/);
    expect(userByUpn(t.db, "new@acme.example")).toBeUndefined();
  });

  it("renames, un-nests and ends memberships; a group the policy is scoped to cannot be deleted", async () => {
    const tenant = findTenant(t.db, "acme.example")!;
    const base = `/admin/tenants/${tenant.id}`;
    const all = groupByName(t.db, tenant.id, "All staff")!;
    const sspr = groupByName(t.db, tenant.id, "SSPR users")!;
    const root = userByUpn(t.db, "root@acme.example")!;
    await b.get(`${base}/setup`);
    expect(b.html).toContain(`action="${base}/groups/${sspr.id}/delete"`);
    expect((await b.post(`${base}/groups/${sspr.id}/delete`, {})).status).toBe(409);
    expect(b.html).toContain("take it out of the policy first");
    expect(groupByName(t.db, tenant.id, "SSPR users")).toBeDefined();

    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/groups/${all.id}`, { name: "Everyone" })).status).toBe(303);
    expect(groupByName(t.db, tenant.id, "Everyone")?.id).toBe(all.id);
    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/nesting`, { parentId: all.id, childId: sspr.id, intent: "unnest" })).status).toBe(
      303,
    );
    expect(nestingEdges(t.db, tenant.id)).toEqual([]);
    await b.get(`${base}/setup`);
    expect(directGroupIds(t.db, root.id)).toContain(all.id);
    expect(
      (await b.post(`${base}/members`, { upn: "root@acme.example", groupId: all.id, intent: "remove" })).status,
    ).toBe(303);
    expect(directGroupIds(t.db, root.id)).not.toContain(all.id);
    await b.get(`${base}/setup`);
    expect((await b.post(`${base}/groups/${all.id}/delete`, {})).status).toBe(303);
    expect(groupByName(t.db, tenant.id, "Everyone")).toBeUndefined();

    const actions = queryAudit(t.db, { action: "setup.*", limit: 100 }).entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["setup.group_unnest", "setup.membership_remove", "setup.group_delete"]),
    );
  });

  it("refuses set-up to staff below admin", async () => {
    const helpdesk = browser(t);
    await helpdesk.signIn(t.tokens.helpdesk);
    await helpdesk.get("/admin");
    const res = await helpdesk.post("/admin/tenants", { name: "Evil", domain: "evil.example" });
    expect(res.status).toBe(403);
    expect(findTenant(t.db, "evil.example")).toBeUndefined();
  });

  it("POST /api/v1/tenants creates a tenant for admins, 409 on a taken domain, 403 below admin", async () => {
    const post = (role: "admin" | "helpdesk", body: object) =>
      t.app.request("/api/v1/tenants", {
        method: "POST",
        headers: { ...t.auth(role), "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const res = await post("admin", { name: "Fabrikam", domain: "fabrikam.example" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "Fabrikam", domain: "fabrikam.example" });
    expect((await post("admin", { name: "Again", domain: "fabrikam.example" })).status).toBe(409);
    expect((await post("helpdesk", { name: "X", domain: "x.example" })).status).toBe(403);
    expect((await post("admin", { name: "X", domain: "x.example", extra: 1 })).status).toBe(400);
  });
});
