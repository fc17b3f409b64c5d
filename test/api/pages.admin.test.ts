/**
 * The /admin pages through app.request(): the staff session (cookie attributes, bad
 * tokens, CSRF), a user's diagnosis with its evidence, tenant health as SVG and CSV,
 * the what-if editor, role limits and the Latvian chrome.
 */
import { describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/domain/staff";
import { testApp, type TestContext } from "../support/test-deps";

/** A small form-posting browser: keeps cookies, sends the last page's CSRF field, follows nothing. */
function staffBrowser(t: TestContext) {
  const jar = new Map<string, string>();
  let last = "";
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const [k, v] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (v === "") jar.delete(k);
      else jar.set(k, v);
    }
  };
  const csrf = () => /name="_csrf" value="([^"]+)"/.exec(last)?.[1] ?? "";
  const b = {
    jar,
    get html() {
      return last;
    },
    async get(path: string) {
      const res = await t.app.request(path, { headers: { cookie: cookieHeader() } });
      remember(res);
      last = res.headers.get("content-type")?.startsWith("text/html") ? await res.text() : last;
      return res;
    },
    async post(path: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}) {
      const body = new URLSearchParams();
      if (opts.csrf !== false) body.append("_csrf", csrf());
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      const res = await t.app.request(path, {
        method: "POST",
        headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
      });
      remember(res);
      last = await res.clone().text();
      return res;
    },
    async signIn(role: StaffRole) {
      await b.get("/admin/sign-in");
      const res = await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" });
      expect(res.status).toBe(303);
      return res;
    },
  };
  return b;
}

/** The fields a browser would post for the first form on the page (inputs, checked boxes, selected options). */
function formFields(html: string, testid: string): [string, string][] {
  const form = new RegExp(`<form[^>]*data-testid="${testid}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? "";
  const out: [string, string][] = [];
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    const type = /type="([^"]+)"/.exec(attrs)?.[1];
    if (type === "checkbox" && !/\schecked(=""|\s|$)/.test(attrs)) continue;
    out.push([name, /value="([^"]*)"/.exec(attrs)?.[1] ?? "on"]);
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected =
      /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? "";
    out.push([m[1]!, selected]);
  }
  return out;
}

describe("/admin sign-in", () => {
  it("sends an unauthenticated visitor to sign in, and back afterwards", async () => {
    const t = await testApp({ seed: true });
    const res = await t.app.request("/admin/users/usr-x");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Fusers%2Fusr-x");
    const home = await t.app.request("/admin");
    expect(home.headers.get("location")).toBe("/admin/sign-in");
  });

  it("refuses a bad token and sets no session cookie", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.get("/admin/sign-in");
    const res = await b.post("/admin/sign-in", { token: "sspr_not-a-real-token-at-all-0000000000000000" });
    expect(res.status).toBe(401);
    expect(b.html).toContain('data-testid="problem"');
    expect(res.headers.getSetCookie().some((c) => c.startsWith("sspr_staff="))).toBe(false);
    expect((await b.get("/admin")).status).toBe(303);
  });

  it("keeps the token in an HttpOnly, SameSite=Strict cookie scoped to /admin for 8 hours", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    const res = await b.signIn("admin");
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("sspr_staff="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin(;|$)/);
    expect(cookie).toMatch(/Max-Age=28800/);
    const home = await b.get("/admin");
    expect(home.status).toBe(200);
    expect(b.html).toContain('data-role="admin"');
  });

  it("does not redirect to another site after sign-in (open redirect)", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.get("/admin/sign-in?next=//evil.example/admin");
    const res = await b.post("/admin/sign-in", { token: t.tokens.support, next: "https://evil.example/" });
    expect(res.headers.get("location")).toBe("/admin");
  });

  it("refuses a form post without the CSRF field", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.get("/admin/sign-in");
    const res = await b.post("/admin/sign-in", { token: t.tokens.admin }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("sspr_staff="))).toBe(false);
    await b.signIn("admin");
    await b.get("/admin/tenants/tnt-fabrikam/what-if");
    expect(
      (await b.post("/admin/tenants/tnt-fabrikam/what-if", { methodsRequired: "1" }, { csrf: false })).status,
    ).toBe(403);
  });

  it("ends the session on sign-out, and when the token is revoked", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin");
    const out = await b.post("/admin/sign-out", {});
    expect(out.status).toBe(303);
    expect((await b.get("/admin")).status).toBe(303);
    await b.signIn("support");
    expect((await b.get("/admin")).status).toBe(200);
    t.db.$client
      .prepare("UPDATE staff_tokens SET revoked_at = ? WHERE name = 'test support'")
      .run(t.clock.now().toISOString());
    const revoked = await b.get("/admin");
    expect(revoked.status).toBe(303);
    expect(revoked.headers.getSetCookie().some((c) => /^sspr_staff=;/.test(c))).toBe(true);
  });
});

describe("/admin user diagnosis", () => {
  it("shows oscar.outside blocked by user_not_in_sspr_scope, with an evidence table of actual values", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin?q=oscar");
    const link = /href="(\/admin\/users\/[^"]+)">oscar\.outside@contoso\.example/.exec(b.html)?.[1];
    expect(link).toBeDefined();
    expect((await b.get(link!)).status).toBe(200);
    expect(b.html).toContain('data-verdict="blocked"');
    expect(b.html).toContain('data-testid="primary">user_not_in_sspr_scope<');
    const finding = /<article[^>]*data-code="user_not_in_sspr_scope"[\s\S]*?<\/article>/.exec(b.html)?.[0] ?? "";
    expect(finding).toContain("<table");
    expect(finding).toMatch(
      /<th scope="col">Fact<\/th>[\s\S]*<th scope="col">Expected<\/th>[\s\S]*<th scope="col">Actual<\/th>/,
    );
    expect(finding).toMatch(/data-testid="actual">[^<]+</);
    expect(finding).toContain('data-fix="add_user_to_sspr_group"');
    expect(finding).toMatch(/href="\/kb\//);
  });

  it("stores the diagnosis so support can open it by reference id", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin/users/oscar.outside@contoso.example");
    const ref = /data-testid="reference-id">(D-[0-9A-Z]{10})</.exec(b.html)![1]!;
    const redirect = await b.get(`/admin/diagnoses?id=${ref.toLowerCase()}`);
    expect(redirect.headers.get("location")).toBe(`/admin/diagnoses/${ref}`);
    expect((await b.get(`/admin/diagnoses/${ref}`)).status).toBe(200);
    expect(b.html).toContain('data-code="user_not_in_sspr_scope"');
    expect((await b.get("/admin/diagnoses/D-0000000000")).status).toBe(404);
  });

  it("answers an unknown user with a 404 page", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    const res = await b.get("/admin/users/nobody@contoso.example");
    expect(res.status).toBe(404);
    expect(b.html).toContain('data-testid="problem"');
  });
});

describe("/admin tenant health", () => {
  it("draws one SVG bar per non-zero code, with titles", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    expect((await b.get("/admin/tenants/contoso.example")).status).toBe(200);
    const svg = /<svg[^>]*data-testid="health-chart"[\s\S]*?<\/svg>/.exec(b.html)?.[0] ?? "";
    const api = (await (
      await t.app.request("/api/v1/tenants/tnt-contoso/health", { headers: t.auth("admin") })
    ).json()) as { counts: Record<string, number> };
    const codes = Object.keys(api.counts);
    expect(codes.length).toBeGreaterThan(5);
    const bars = [
      ...svg.matchAll(/<rect class="bar (blocker|warning|info)"[^>]*width="(\d+)"[^>]*data-count="(\d+)"/g),
    ];
    expect(bars).toHaveLength(codes.length);
    expect(bars.every((m) => Number(m[2]) > 0)).toBe(true);
    for (const code of codes) expect(svg).toContain(`data-code="${code}"`);
    expect(svg).toContain("<title>user_not_in_sspr_scope (Blocker): 1 user</title>");
    expect(svg).toMatch(/role="group" aria-labelledby="chart-title chart-desc"/);
  });

  it("lists the users behind a code", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    await b.get("/admin/tenants/tnt-contoso?code=reset_blocked_temporarily");
    const drill = /<section id="drill"[\s\S]*?<\/section>/.exec(b.html)?.[0] ?? "";
    expect(drill).toContain("bob.blocked@contoso.example");
    expect(drill).not.toContain("alex.healthy@contoso.example");
  });

  it("exports a CSV with a header and one line per user and finding", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    const res = await b.get("/admin/tenants/tnt-contoso/health.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contoso\.example-health\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("upn,user_id,code,severity");
    const api = (await (
      await t.app.request("/api/v1/tenants/tnt-contoso/health", { headers: t.auth("admin") })
    ).json()) as { counts: Record<string, number> };
    expect(lines.length - 1).toBe(Object.values(api.counts).reduce((a, n) => a + n, 0));
    expect(lines).toContainEqual(
      expect.stringMatching(/^oscar\.outside@contoso\.example,[^,]+,user_not_in_sspr_scope,blocker$/),
    );
  });

  it("is for admins only, as the tenants API", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("helpdesk");
    expect((await b.get("/admin/tenants/tnt-contoso")).status).toBe(403);
    expect((await b.get("/admin/tenants/tnt-contoso/health.csv")).status).toBe(403);
    expect((await b.get("/admin/tenants/tnt-contoso/what-if")).status).toBe(403);
  });
});

describe("/admin what-if", () => {
  it("shows fiona unblocked when fabrikam requires one method, and saves nothing", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    await b.get("/admin/tenants/fabrikam.example/what-if");
    const fields = formFields(b.html, "what-if-form");
    expect(fields).toContainEqual(["methodsRequired", "2"]);
    const posted: Record<string, string[]> = {};
    for (const [k, v] of fields) (posted[k] ??= []).push(k === "methodsRequired" ? "1" : v);
    const res = await b.post("/admin/tenants/tnt-fabrikam/what-if", posted);
    expect(res.status).toBe(200);
    const impact = /<section[^>]*data-testid="impact"[\s\S]*?<\/section>/.exec(b.html)?.[0] ?? "";
    expect(impact).toMatch(/data-testid="unblocked" data-count="[1-9]/);
    expect(/data-testid="unblocked-users"[\s\S]*?<\/ul>/.exec(impact)?.[0]).toContain(
      "fiona.onemethod@fabrikam.example",
    );
    expect(b.html).toMatch(/data-code="not_enough_methods" data-delta="-\d+"/);
    const policy = t.db.$client
      .prepare("SELECT methods_required FROM policies WHERE tenant_id = 'tnt-fabrikam'")
      .pluck()
      .get();
    expect(policy).toBe(2);
  });

  it("names the invalid field instead of simulating", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    await b.get("/admin/tenants/tnt-fabrikam/what-if");
    const res = await b.post("/admin/tenants/tnt-fabrikam/what-if", {
      enablement: "all",
      methodsRequired: "3",
      questionsToRegister: "3",
      questionsToReset: "3",
      reconfirmDays: "0",
    });
    expect(res.status).toBe(400);
    expect(b.html).toContain("<code>policy.methodsRequired</code>");
    // …and beside the field itself, which says so to assistive technology.
    expect(b.html).toMatch(
      /<select id="methodsRequired" name="methodsRequired" aria-invalid="true" aria-describedby="methodsRequired-error">/,
    );
    expect(b.html).toContain('<p class="field-error" id="methodsRequired-error"');
  });
});

describe("/admin fixes", () => {
  it("lets support preview clear_throttle but not apply it", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin/users/bob.blocked@contoso.example");
    const href = /href="([^"]+)" data-testid="preview-clear_throttle"/.exec(b.html)?.[1];
    expect(href).toBe("/admin/users/usr-bob.blocked/fixes/clear_throttle");
    expect((await b.get(href!)).status).toBe(200);
    expect(b.html).toContain('data-testid="changes"');
    expect(b.html).not.toContain('data-testid="apply-form"');
    expect(b.html).toContain('data-testid="why-not"');
    const res = await b.post(href!, { reason: "INC-1042" });
    expect(res.status).toBe(403);
    expect(b.html).toContain('data-testid="problem"');
    const blocks = t.db.$client
      .prepare("SELECT count(*) FROM throttle_blocks WHERE user_id = 'usr-bob.blocked'")
      .pluck()
      .get();
    expect(blocks).toBe(1);
  });

  it("lets helpdesk apply clear_throttle, shows the verdict change, and answers a second apply with 409", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("helpdesk");
    await b.get("/admin/users/usr-bob.blocked/fixes/clear_throttle");
    expect(b.html).toContain('data-testid="apply-form"');
    expect(b.html).toMatch(/<input id="reason" name="reason" type="text" required/);
    // No reason, nothing applied: the form asks for one, naming the field.
    expect((await b.post("/admin/users/usr-bob.blocked/fixes/clear_throttle", {})).status).toBe(400);
    expect(b.html).toContain("reason:");
    await b.get("/admin/users/usr-bob.blocked/fixes/clear_throttle");
    const res = await b.post("/admin/users/usr-bob.blocked/fixes/clear_throttle", { reason: "INC-1042" });
    expect(res.status).toBe(200);
    expect(b.html).toMatch(/data-testid="verdict-before" data-verdict="blocked"/);
    expect(b.html).not.toMatch(/data-testid="verdict-after" data-verdict="blocked"/);
    expect(b.html).toContain('data-gone="reset_blocked_temporarily"');
    await b.get("/admin/users/usr-bob.blocked/fixes/clear_throttle");
    const again = await b.post(
      "/admin/users/usr-bob.blocked/fixes/clear_throttle",
      { reason: "INC-1042" },
      { csrf: true },
    );
    expect(again.status).toBe(409);
    expect(b.html).toMatch(/data-testid="problem" data-status="409"/);
  });

  it("shows how many users a tenant-wide fix changes", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    expect((await b.get("/admin/users/fiona.onemethod@fabrikam.example/fixes/require_one_method")).status).toBe(200);
    expect(b.html).toMatch(/data-testid="impact" data-changed="[1-9]/);
    expect(b.html).toContain('data-field="methodsRequired"');
  });

  it("shows a manual fix's guidance instead of an apply button", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    expect((await b.get("/admin/users/usr-bob.blocked/fixes/wait_until_unblocked")).status).toBe(200);
    expect(b.html).toContain('data-testid="guidance"');
    expect(b.html).not.toContain('data-testid="apply-form"');
  });
});

describe("/admin audit log", () => {
  it("shows admins the fix a helpdesk applied, newest first, filtered by user", async () => {
    const t = await testApp({ seed: true });
    const helpdesk = staffBrowser(t);
    await helpdesk.signIn("helpdesk");
    await helpdesk.get("/admin/users/usr-bob.blocked/fixes/clear_throttle");
    expect(
      (await helpdesk.post("/admin/users/usr-bob.blocked/fixes/clear_throttle", { reason: "INC-1042" })).status,
    ).toBe(200);
    expect((await helpdesk.get("/admin/audit")).status).toBe(403);

    const admin = staffBrowser(t);
    await admin.signIn("admin");
    expect((await admin.get("/admin/audit?user=bob.blocked@contoso.example")).status).toBe(200);
    const rows = [...admin.html.matchAll(/<tr data-action="([^"]+)" data-outcome="([^"]+)"/g)].map((m) => m[1]);
    expect(rows[0]).toBe("fix.clear_throttle");
    expect(admin.html).toContain("staff: test helpdesk");
    await admin.get("/admin/audit?user=alex.healthy@contoso.example");
    expect(admin.html).not.toContain("fix.clear_throttle");
    expect((await admin.get("/admin/audit?since=yesterday")).status).toBe(400);
  });
});

describe("/admin in Latvian", () => {
  it("speaks Latvian chrome with ?lang=lv", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.get("/admin/sign-in?lang=lv");
    expect(b.html).toContain('lang="lv"');
    expect(b.html).toContain("Darbinieku pierakstīšanās");
    await b.signIn("admin");
    await b.get("/admin/users/oscar.outside@contoso.example");
    expect(b.html).toContain("Bloķēts");
    expect(b.html).toContain('<th scope="col">Faktiski</th>');
    await b.get("/admin/tenants/tnt-contoso");
    expect(b.html).toContain("Lietotāji pa konstatējumu kodiem");
  });

  it("shows staff texts in Latvian with ?lang=lv, the engine's sentence with values one click away", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.get("/admin/sign-in?lang=lv");
    await b.signIn("admin");
    await b.get("/admin/users/oscar.outside@contoso.example");
    const finding = /<article[^>]*data-code="user_not_in_sspr_scope"[\s\S]*?<\/article>/.exec(b.html)?.[0] ?? "";
    expect(finding).toContain("Lietotājs nav grupā, kurai atļauta atiestatīšana");
    expect(finding).not.toContain("Jūsu konts");
    expect(finding).toContain("Pievienot lietotāju grupai, kurai atļauta pašapkalpošanās atiestatīšana");
    expect(finding).toMatch(/href="\/kb\/[^"]+\?locale=lv"/);
    expect(finding).toMatch(/<details class="engine-text"><summary>[^<]+<\/summary><p lang="en">[^<]*oscar\.outside/);
  });

  it("reads evidence values and times as people read them, the exact value kept in the title", async () => {
    const t = await testApp({ seed: true });
    t.clock.advance(12_345); // heartbeat ages are no longer whole minutes
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin/users/lily.litware@litware.example");
    const lily = /<article[^>]*data-code="writeback_connector_unreachable"[\s\S]*?<\/article>/.exec(b.html)?.[0] ?? "";
    expect(lily).toMatch(/<span title="180.20575" data-exact="180.20575">180<\/span>/);
    expect(lily).toContain('<div class="table-scroll"><table class="evidence"');
    await b.get("/admin/users/bob.blocked@contoso.example");
    const bob = /<article[^>]*data-code="reset_blocked_temporarily"[\s\S]*?<\/article>/.exec(b.html)?.[0] ?? "";
    expect(bob).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(bob).toContain("25 Nov 2026, 05:30 UTC");
  });

  it("never offers a fix whose preview changes nothing, and says 'nothing to change' once", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    await b.get("/admin/users/hugo.helpdesk@contoso.example");
    expect(b.html).toContain('data-fix="register_methods"');
    expect(b.html).not.toContain('data-fix="allow_method"');
    await b.get("/admin/users/usr-pete.phone");
    expect(b.html).not.toContain('data-fix="require_one_method"');
    await b.get("/admin/users/usr-pete.phone/fixes/require_one_method");
    expect(b.html.split("Nothing to change.").length - 1).toBe(1);
  });

  it("says '1 usable method', not '1 usable methods', in the engine's explanations", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("support");
    await b.get("/admin/users/simon.single@contoso.example");
    expect(b.html).toContain("has exactly the 1 usable method required");
    expect(b.html).not.toMatch(/\b1 (usable )?methods\b/);
  });

  it("says when a block ends as a person would, on the wait guidance and in the audit log", async () => {
    const t = await testApp({ seed: true });
    const b = staffBrowser(t);
    await b.signIn("admin");
    await b.get("/admin/users/usr-bob.blocked/fixes/wait_until_unblocked");
    expect(b.html).toContain("Blocked; it ends in about 20 hours — tomorrow 05:30 UTC.");
    await b.get("/admin/audit");
    expect(b.html).toMatch(/<time datetime="2026-11-24T[^"]+" title="[^"]+">24 Nov 2026, \d\d:\d\d UTC<\/time>/);
  });
});
