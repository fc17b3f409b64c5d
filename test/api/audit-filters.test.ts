/**
 * The audit log's filters by action and outcome (API and page), the CSV export of the
 * filtered rows (safe against spreadsheet formulas), and the markup that keeps the page
 * inside a 1280 px screen (wrapping table, collapsed detail).
 */
import { describe, expect, it } from "vitest";
import { audit } from "../../src/db/audit";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { testApp, type TestContext } from "../support/test-deps";

const NINA = "nina.noreg@contoso.example";

/** Nina signs in once wrongly, then rightly. */
async function ninaSignsIn(t: TestContext) {
  for (const password of ["Wrong-Password-1", DEMO_PASSWORD])
    await t.app.request("/api/v1/me/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: NINA, password }),
    });
}

/** A staff session cookie for pages, as the sign-in form sets it. */
async function staffCookie(t: TestContext, role: "admin" | "helpdesk") {
  const form = await t.app.request("/admin/sign-in");
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await t.app.request("/admin/sign-in", {
    method: "POST",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, token: t.tokens[role], next: "/admin" }).toString(),
  });
  expect(res.status).toBe(303);
  keep(res);
  return cookie();
}

describe("audit filters by outcome and action", () => {
  it("API: outcome=failure keeps only failures, combined with an action prefix", async () => {
    const t = await testApp({ seed: true });
    await ninaSignsIn(t);
    const res = await t.app.request("/api/v1/audit?action=me.*&outcome=failure", { headers: t.auth("admin") });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { action: string; outcome: string; code: string | null }[] };
    expect(body.entries.map((e) => [e.action, e.outcome, e.code])).toEqual([
      ["me.sign_in", "failure", "invalid_credentials"],
    ]);
    const ok = await t.app.request("/api/v1/audit?action=me.sign_in&outcome=success", { headers: t.auth("admin") });
    expect(((await ok.json()) as { entries: { outcome: string }[] }).entries.map((e) => e.outcome)).toEqual([
      "success",
    ]);
    const bad = await t.app.request("/api/v1/audit?outcome=maybe", { headers: t.auth("admin") });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe("outcome");
  });

  it("page: filters by action and outcome, keeps them in the form, refuses a bad action", async () => {
    const t = await testApp({ seed: true });
    await ninaSignsIn(t);
    const cookie = await staffCookie(t, "admin");
    const res = await t.app.request("/admin/audit?action=me.*&outcome=failure", { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = [...html.matchAll(/<tr data-action="([^"]+)" data-outcome="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([["me.sign_in", "failure"]]);
    expect(html).toContain('value="me.*"');
    expect(html).toMatch(/<option value="failure" selected/);
    expect(html).toContain('href="/admin/audit.csv?action=me.*&amp;outcome=failure"');
    // Fits a 1280 px screen: a fixed-layout table whose cells wrap, the detail JSON collapsed and wrapping.
    expect(html).toContain('class="audit-table"');
    expect(html).toMatch(/<td class="audit-detail"><details><summary>[^<]+<\/summary><pre class="mono wrap">/);
    expect((await t.app.request("/admin/audit?action=DROP%20TABLE", { headers: { cookie } })).status).toBe(400);
  });

  it("CSV: exports the filtered rows, neutralising formula-looking values", async () => {
    const t = await testApp({ seed: true });
    await ninaSignsIn(t);
    audit(t.db, t.clock.now(), {
      actorType: "staff",
      actorId: '=HYPERLINK("http://evil")',
      action: "staff.sign_in",
      outcome: "failure",
      code: "+cmd",
      detail: { note: 'a "quoted", value' },
    });
    const cookie = await staffCookie(t, "admin");
    const res = await t.app.request("/admin/audit.csv?action=staff.*&outcome=failure", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,actor_type,actor_id,action,target_user_id,target_upn,outcome,code,ip,detail");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(",'+cmd,");
    expect(lines[1]).toContain(`"{""note"":""a \\""quoted\\"", value""}"`);
    const all = await t.app.request("/admin/audit.csv?action=me.*", { headers: { cookie } });
    expect((await all.text()).trimEnd().split("\r\n")).toHaveLength(3);
    const helpdesk = await staffCookie(t, "helpdesk");
    expect((await t.app.request("/admin/audit.csv", { headers: { cookie: helpdesk } })).status).toBe(403);
  });
});
