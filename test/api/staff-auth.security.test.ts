/**
 * Staff credentials (issue 11 item 8): wrong staff tokens are throttled per client
 * address on the API and the console sign-in alike, without locking the real token out
 * elsewhere; and the console cookie is a server-side session of its own — not the bearer
 * token — that expires, and that sign-out really revokes.
 */
import { describe, expect, it } from "vitest";
import { STAFF_SESSION_SECONDS, STAFF_TOKEN_FAILURES } from "../../src/domain/staff";
import { tokenHash } from "../../src/secrets/token";
import { testApp, type TestContext } from "../support/test-deps";

const ATTACKER = "203.0.113.66";
const COLLEAGUE = "198.51.100.7";
/** app.request() with a socket address, as @hono/node-server gives the app. */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: "IPv4" } } });
const WRONG = "sspr_wrong-token-0000000000000000000000000000000";

const api = (t: TestContext, ip: string, token: string) =>
  t.app.request("/api/v1/users?q=ada", { headers: { authorization: `Bearer ${token}` } }, from(ip));

/** A browser at `ip` on the console: keeps its cookies and the page's CSRF field. */
function browser(t: TestContext, ip: string) {
  const jar = new Map<string, string>();
  let csrf = "";
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const [k, v] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (v === "") jar.delete(k);
      else jar.set(k, v);
    }
  };
  const b = {
    jar,
    async get(path: string) {
      const res = await t.app.request(path, { headers: { cookie: cookie(), accept: "text/html" } }, from(ip));
      remember(res);
      const html = await res.clone().text();
      csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? csrf;
      return res;
    },
    async post(path: string, fields: Record<string, string> = {}) {
      const body = new URLSearchParams({ _csrf: csrf, ...fields });
      const res = await t.app.request(
        path,
        {
          method: "POST",
          headers: { cookie: cookie(), accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
          body: body.toString(),
        },
        from(ip),
      );
      remember(res);
      return res;
    },
    async signIn(token: string) {
      await b.get("/admin/sign-in");
      return b.post("/admin/sign-in", { token, next: "/admin" });
    },
  };
  return b;
}

describe("guessing staff tokens", () => {
  it("answers an address past its budget of wrong bearer tokens with 429 and Retry-After, even for the real token", async () => {
    const t = await testApp();
    for (let i = 0; i < STAFF_TOKEN_FAILURES.max; i++) expect((await api(t, ATTACKER, WRONG)).status).toBe(401);
    const refused = await api(t, ATTACKER, WRONG);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBe(STAFF_TOKEN_FAILURES.windowMs / 1000);
    expect(await refused.json()).toMatchObject({ status: 429, code: "rate_limited" });
    expect((await api(t, ATTACKER, t.tokens.admin)).status).toBe(429);
  });

  it("keeps the real token working from another address while one address is throttled", async () => {
    const t = await testApp();
    for (let i = 0; i <= STAFF_TOKEN_FAILURES.max; i++) await api(t, ATTACKER, WRONG);
    expect((await api(t, ATTACKER, t.tokens.admin)).status).toBe(429);
    expect((await api(t, COLLEAGUE, t.tokens.admin)).status).toBe(200);
  });

  it("lets the address try again once its oldest failure leaves the 15-minute window", async () => {
    const t = await testApp();
    for (let i = 0; i < STAFF_TOKEN_FAILURES.max; i++) await api(t, ATTACKER, WRONG);
    expect((await api(t, ATTACKER, t.tokens.support)).status).toBe(429);
    t.clock.advance(STAFF_TOKEN_FAILURES.windowMs - 60_000);
    expect(Number((await api(t, ATTACKER, t.tokens.support)).headers.get("retry-after"))).toBe(60);
    t.clock.advance(60_000);
    expect((await api(t, ATTACKER, t.tokens.support)).status).toBe(200);
  });

  it("does not refill the budget on a success, so one real low-role token cannot launder guesses", async () => {
    const t = await testApp();
    for (let i = 0; i < STAFF_TOKEN_FAILURES.max - 1; i++) await api(t, ATTACKER, WRONG);
    expect((await api(t, ATTACKER, t.tokens.support)).status).toBe(200);
    expect((await api(t, ATTACKER, WRONG)).status).toBe(401);
    expect((await api(t, ATTACKER, WRONG)).status).toBe(429);
  });

  it("counts only presented tokens: requests without one are plain 401s and never throttle the address", async () => {
    const t = await testApp();
    for (let i = 0; i < STAFF_TOKEN_FAILURES.max * 2; i++) {
      expect((await t.app.request("/api/v1/users", {}, from(ATTACKER))).status).toBe(401);
    }
    expect((await api(t, ATTACKER, t.tokens.support)).status).toBe(200);
  });

  it("lets no more wrong tokens through than the budget when they arrive in parallel", async () => {
    const t = await testApp();
    const statuses = (await Promise.all(Array.from({ length: 25 }, () => api(t, ATTACKER, WRONG)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(STAFF_TOKEN_FAILURES.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - STAFF_TOKEN_FAILURES.max);
  });

  it("leaves an audit row with the address for every wrong token and every throttled request", async () => {
    const t = await testApp();
    for (let i = 0; i <= STAFF_TOKEN_FAILURES.max; i++) await api(t, ATTACKER, WRONG);
    const rows = t.db.$client
      .prepare("SELECT code, ip, outcome FROM audit_log WHERE action = 'staff.token_rejected' ORDER BY id")
      .all() as { code: string; ip: string; outcome: string }[];
    expect(rows.map((r) => r.code)).toEqual([...Array(STAFF_TOKEN_FAILURES.max).fill("unauthorized"), "rate_limited"]);
    expect(new Set(rows.map((r) => `${r.ip}/${r.outcome}`))).toEqual(new Set([`${ATTACKER}/failure`]));
  });

  it("throttles /admin/sign-in on the same budget: a 429 page with Retry-After, and the colleague still signs in", async () => {
    const t = await testApp();
    const attacker = browser(t, ATTACKER);
    for (let i = 0; i < STAFF_TOKEN_FAILURES.max - 3; i++) expect((await attacker.signIn(WRONG)).status).toBe(401);
    for (let i = 0; i < 3; i++) await api(t, ATTACKER, WRONG); // bearer guesses and sign-in guesses share the budget
    const refused = await attacker.signIn(t.tokens.admin);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect(attacker.jar.has("sspr_staff")).toBe(false);

    const colleague = browser(t, COLLEAGUE);
    expect((await colleague.signIn(t.tokens.admin)).status).toBe(303);
    expect((await colleague.get("/admin")).status).toBe(200);
  });
});

describe("the staff console session", () => {
  it("is a cookie of its own: not the bearer token, and worthless as one on the API", async () => {
    const t = await testApp();
    const b = browser(t, COLLEAGUE);
    expect((await b.signIn(t.tokens.admin)).status).toBe(303);
    const cookie = b.jar.get("sspr_staff")!;
    expect(cookie).toMatch(/^sspr_[\w-]{43}$/);
    expect(cookie).not.toBe(t.tokens.admin);
    expect((await api(t, COLLEAGUE, cookie)).status).toBe(401);
  });

  it("is stored only as the SHA-256 of its token, with an expiry 8 hours on", async () => {
    const t = await testApp();
    const b = browser(t, COLLEAGUE);
    await b.signIn(t.tokens.helpdesk);
    const cookie = b.jar.get("sspr_staff")!;
    const rows = t.db.$client.prepare("SELECT * FROM staff_sessions").all() as Record<string, string | null>[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cookie);
    expect(JSON.stringify(rows)).not.toContain(t.tokens.helpdesk);
    expect(rows[0]).toMatchObject({ token_hash: tokenHash(cookie), revoked_at: null });
    expect(new Date(rows[0]!.expires_at!).getTime() - t.clock.now().getTime()).toBe(STAFF_SESSION_SECONDS * 1000);
  });

  it("is revoked by sign-out: a copy of the cookie taken before stops working", async () => {
    const t = await testApp();
    const b = browser(t, COLLEAGUE);
    await b.signIn(t.tokens.admin);
    const copied = b.jar.get("sspr_staff")!;
    await b.get("/admin");
    expect((await b.post("/admin/sign-out")).status).toBe(303);
    expect(b.jar.has("sspr_staff")).toBe(false);

    const thief = await t.app.request("/admin", { headers: { cookie: `sspr_staff=${copied}` } }, from(ATTACKER));
    expect(thief.status).toBe(303);
    expect(thief.headers.get("location")).toBe("/admin/sign-in");
    expect(t.db.$client.prepare("SELECT revoked_at FROM staff_sessions").pluck().get()).toBe(
      t.clock.now().toISOString(),
    );
    const trail = t.db.$client
      .prepare("SELECT action, actor_id, ip FROM audit_log WHERE action LIKE 'staff.sign_%' ORDER BY id")
      .all();
    const tokenId = t.db.$client.prepare("SELECT id FROM staff_tokens WHERE name = 'test admin'").pluck().get();
    expect(trail).toEqual([
      { action: "staff.sign_in", actor_id: tokenId, ip: COLLEAGUE },
      { action: "staff.sign_out", actor_id: tokenId, ip: COLLEAGUE },
    ]);
  });

  it("expires 8 hours after sign-in, however busy", async () => {
    const t = await testApp();
    const b = browser(t, COLLEAGUE);
    await b.signIn(t.tokens.support);
    t.clock.advance(STAFF_SESSION_SECONDS * 1000 - 1000);
    expect((await b.get("/admin")).status).toBe(200);
    t.clock.advance(1000);
    expect((await b.get("/admin")).status).toBe(303);
    // The next sign-in clears expired sessions away rather than letting them pile up.
    await b.signIn(t.tokens.support);
    expect(t.db.$client.prepare("SELECT count(*) FROM staff_sessions").pluck().get()).toBe(1);
  });

  it("ends with the bootstrap token: a session opened with SSPR_ADMIN_TOKEN dies when the token is changed", async () => {
    const first = await testApp({ adminToken: "bootstrap-token-number-one-0000" });
    const b = browser(first, COLLEAGUE);
    expect((await b.signIn("bootstrap-token-number-one-0000")).status).toBe(303);
    expect((await b.get("/admin")).status).toBe(200);
    first.deps.adminToken = "bootstrap-token-number-two-0000";
    expect((await b.get("/admin")).status).toBe(303);
  });
});
