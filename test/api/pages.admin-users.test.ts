/**
 * The staff user list, the user record and bulk fixes through app.request(): filters
 * return the right personas (a one-off wrong code is a last attempt, not a verdict), the
 * user page shows masked methods and the nesting path, a bulk preview writes nothing,
 * a bulk apply needs a reason, fixes the selected users and audits each with it, and
 * support may preview but not apply.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/domain/staff";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext | undefined;
afterEach(() => t?.close());

async function signedIn(role: StaffRole) {
  t = await testApp({ seed: true });
  const b = formBrowser(t);
  await b.get("/admin/sign-in");
  const res = await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" });
  expect(res.status).toBe(200);
  return { t, b };
}

const upns = (html: string) => [...html.matchAll(/<tr data-upn="([^"]+)"/g)].map((m) => m[1]);
const count = (t: TestContext, sql: string, ...args: unknown[]) =>
  t.db.$client
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe("/admin/users list", () => {
  it("filters by finding: not_registered includes nina.noreg", async () => {
    const { b } = await signedIn("support");
    const page = await b.get("/admin/users?finding=not_registered");
    expect(page.status).toBe(200);
    expect(upns(page.html)).toContain("nina.noreg@contoso.example");
    expect(upns(page.html)).not.toContain("alex.healthy@contoso.example");
  });

  it("shows a one-off wrong code as the last attempt, not as the verdict", async () => {
    const { b } = await signedIn("support");
    const blocked = await b.get("/admin/users?verdict=blocked");
    expect(upns(blocked.html)).not.toContain("vera.wrongcode@contoso.example");
    expect(upns(blocked.html).length).toBeGreaterThan(0);
    const vera = await b.get("/admin/users?q=vera.wrongcode");
    expect(upns(vera.html)).toEqual(["vera.wrongcode@contoso.example"]);
    expect(vera.html).toMatch(/data-verdict="(can_reset|at_risk)"/);
    expect(vera.html).toContain("<code>verification_code_wrong</code>");
  });

  it("filters by group through nesting, admin and source, and pages", async () => {
    const { t, b } = await signedIn("support");
    const sspr = t.db.$client
      .prepare("SELECT id FROM groups WHERE name = 'SSPR users' LIMIT 1")
      .pluck()
      .get() as string;
    const inGroup = await b.get(`/admin/users?group=${encodeURIComponent(sspr)}`);
    expect(upns(inGroup.html)).toContain("nick.nested@contoso.example");
    const admins = upns((await b.get("/admin/users?admin=yes")).html);
    expect(admins).toContain("ada.admin@contoso.example");
    expect(admins).not.toContain("nina.noreg@contoso.example");
    const synced = count(t, "SELECT count(*) FROM users WHERE source = 'synced'");
    const s = await b.get("/admin/users?source=synced");
    expect(Number(/data-total="(\d+)"/.exec(s.html)?.[1])).toBe(synced);
    const total = count(t, "SELECT count(*) FROM users");
    if (total > 50) expect((await b.get("/admin/users")).html).toContain('rel="next"');
  });
});

describe("/admin/users/:id record", () => {
  it("shows masked methods, the nesting path, licence and the audit link for nick.nested", async () => {
    const { t, b } = await signedIn("admin");
    const id = t.db.$client.prepare("SELECT id FROM users WHERE upn = 'nick.nested@contoso.example'").pluck().get();
    const page = await b.get(`/admin/users/${id}`);
    expect(page.status).toBe(200);
    const methods = /data-testid="user-methods"[\s\S]*?<\/section>/.exec(page.html)![0];
    const raw = t.db.$client
      .prepare("SELECT value FROM methods WHERE user_id = ? AND value IS NOT NULL")
      .pluck()
      .all(id);
    expect(raw.length).toBeGreaterThan(0);
    for (const v of raw as string[]) expect(methods).not.toContain(v);
    expect(methods).toContain("***");
    expect(page.html).toContain("Sales EMEA → Sales → SSPR users");
    expect(page.html).toContain('data-testid="user-license"');
    expect(page.html).toContain(`/admin/audit?user=${id}`);
  });

  it("keeps the audit rows to admins, as the audit page does", async () => {
    const { t, b } = await signedIn("support");
    const id = t.db.$client.prepare("SELECT id FROM users WHERE upn = 'nick.nested@contoso.example'").pluck().get();
    const page = await b.get(`/admin/users/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Sales EMEA → Sales → SSPR users");
    expect(page.html).not.toContain('data-testid="user-audit"');
  });

  it("shows vera's wrong code in her timeline", async () => {
    const { t, b } = await signedIn("support");
    const id = t.db.$client.prepare("SELECT id FROM users WHERE upn = 'vera.wrongcode@contoso.example'").pluck().get();
    const page = await b.get(`/admin/users/${id}`);
    const timeline = /data-testid="user-timeline"[\s\S]*?<\/section>/.exec(page.html)![0];
    expect(timeline).toContain("verification_code_wrong");
  });
});

describe("/admin/users bulk fixes", () => {
  const filter = "finding=not_registered&tenant=contoso.example";

  it("previews without changing anything", async () => {
    const { t, b } = await signedIn("admin");
    const before = count(t, "SELECT count(*) FROM audit_log");
    const page = await b.get(`/admin/users/bulk?${filter}&fix=send_registration_reminder`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-testid="preview-only"');
    expect(page.html).toContain('data-upn="nina.noreg@contoso.example" data-applicable="true"');
    expect(page.html).toContain('data-testid="bulk-apply-form"');
    expect(count(t, "SELECT count(*) FROM audit_log")).toBe(before);
  });

  it("applies with a reason, summarises, and audits each user with it", async () => {
    const { t, b } = await signedIn("admin");
    await b.get(`/admin/users/bulk?${filter}&fix=send_registration_reminder`);
    let res = await b.post("/admin/users/bulk", {
      fix: "send_registration_reminder",
      finding: "not_registered",
      tenant: "contoso.example",
      reason: "INC-42 registration drive",
    });
    for (let i = 0; i < 50 && !res.html.includes('data-finished="true"'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      const url = /\/admin\/users\/bulk\/[0-9a-f-]{36}/.exec(res.html)?.[0];
      res = await b.get(url ?? "/admin/users");
    }
    expect(res.status).toBe(200);
    expect(res.html).toContain('data-finished="true"');
    const applied = Number(/data-applied="(\d+)"/.exec(res.html)?.[1]);
    expect(applied).toBeGreaterThan(0);
    expect(res.html).toContain('data-upn="nina.noreg@contoso.example" data-outcome="applied"');
    const rows = t.db.$client
      .prepare("SELECT detail FROM audit_log WHERE action = 'fix.send_registration_reminder' AND outcome = 'success'")
      .pluck()
      .all() as string[];
    expect(rows.length).toBe(applied);
    for (const d of rows) expect(JSON.parse(d).reason).toBe("INC-42 registration drive");
  });

  it("refuses an apply without a reason, naming reason", async () => {
    const { t, b } = await signedIn("admin");
    await b.get(`/admin/users/bulk?${filter}&fix=send_registration_reminder`);
    const before = count(t, "SELECT count(*) FROM audit_log");
    const res = await b.post("/admin/users/bulk", {
      fix: "send_registration_reminder",
      finding: "not_registered",
      reason: "  ",
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain("reason");
    expect(count(t, "SELECT count(*) FROM audit_log")).toBe(before);
  });

  it("speaks Latvian: the list, the record and the missing-reason error", async () => {
    const { t, b } = await signedIn("admin");
    const list = await b.get("/admin/users?lang=lv&finding=not_registered");
    expect(list.html).toContain("Lietotāji");
    expect(list.html).toContain("Pēdējais mēģinājums");
    const id = t.db.$client.prepare("SELECT id FROM users WHERE upn = 'nick.nested@contoso.example'").pluck().get();
    expect((await b.get(`/admin/users/${id}`)).html).toContain("Reģistrētās metodes");
    await b.get(`/admin/users/bulk?${filter}&fix=send_registration_reminder`);
    const res = await b.post("/admin/users/bulk", { fix: "send_registration_reminder", reason: "" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("reason: norādiet");
  });

  it("lets support preview but not apply", async () => {
    const { t, b } = await signedIn("support");
    const page = await b.get(`/admin/users/bulk?${filter}&fix=send_registration_reminder`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('data-testid="bulk-apply-form"');
    expect(page.html).toContain('data-testid="why-not"');
    const before = count(t, "SELECT count(*) FROM audit_log");
    const res = await b.post("/admin/users/bulk", {
      fix: "send_registration_reminder",
      finding: "not_registered",
      reason: "trying",
    });
    expect(res.status).toBe(403);
    expect(count(t, "SELECT count(*) FROM audit_log")).toBe(before);
  });
});
