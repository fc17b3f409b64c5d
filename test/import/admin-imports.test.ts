/**
 * /admin/imports after importing the hand-checked export: the import (when, from what, what
 * is unknown), and a user's evidence with each fact's source and read time.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFolder } from "../../src/import/entra/import-folder";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
let t: TestContext;

async function signedIn(role: "admin" | "support") {
  const b = formBrowser(t);
  await b.get("/admin/sign-in");
  await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" });
  return b;
}

beforeAll(async () => {
  t = await testApp({ now: "2026-11-24T09:30:00.000Z" });
  importFolder(t.db, SMALL, { importedAt: "2026-11-24T09:05:00.000Z" });
});
afterAll(() => t.close());

describe("/admin/imports", () => {
  it("lists the import: tenant, source, capture time and what is unknown", async () => {
    const b = await signedIn("admin");
    const { status, html } = await b.get("/admin/imports");
    expect(status).toBe(200);
    expect(html).toContain("Northwind Traders");
    expect(html).toContain("graph-export");
    expect(html).toContain("2026-11-24 09:00");
    expect(html).toContain("registration.lastConfirmedAt ("); // per user: no audit row says when they last confirmed
    expect(html).toContain("methods.security_questions.questionsAnswered (1)");
    expect(html).toContain("first import");
  });

  it("looks a user up by upn from the import page", async () => {
    const b = await signedIn("admin");
    const { status, html } = await b.get("/admin/imports/user?login=rita%40northwind.example");
    expect(status).toBe(200);
    expect(html).toContain("Evidence for rita@northwind.example");
    expect(html).toContain("FuzzyPolicyViolationInvalidPassword");
  });

  it("is for admins only", async () => {
    const b = await signedIn("support");
    expect((await b.get("/admin/imports")).status).toBe(403);
  });

  it("sends anyone without a staff session to sign in", async () => {
    const res = await t.app.request("/admin/imports");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/admin/sign-in");
  });

  it("shows a user's evidence with each fact's source and read time, and the audit estimate", async () => {
    const userId = t.db.$client
      .prepare("SELECT id FROM users WHERE upn = 'nina@northwind.example'")
      .pluck()
      .get() as string;
    const b = await signedIn("support");
    const { status, html } = await b.get(`/admin/imports/users/${userId}`);
    expect(status).toBe(200);
    expect(html).toContain("Graph userRegistrationDetails + user profile, 2026-11-24 09:00");
    expect(html).toContain("estimate from Graph auditLogs/directoryAudits, 2026-11-24 09:00");
    expect(html).toContain("Blocked until 2026-11-25 07:00");
    expect(html).toContain("reset_blocked_temporarily");
    expect(html).toContain("<code>registration.lastConfirmedAt</code>");
  });
});
