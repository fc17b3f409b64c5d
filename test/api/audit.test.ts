import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { staffRouteCases } from "../support/staff-route-cases";
import { problemOf, testApp, type TestContext } from "../support/test-deps";

type Entry = {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetUserId: string | null;
  targetUpn: string | null;
  outcome: string;
  code: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
};
type AuditBody = { entries: Entry[]; nextCursor?: string };
const NINA = "nina.noreg@contoso.example";

/** Nina signs in (once wrongly), adds an email, an hour later signs in again. */
async function ninasMorning(t: TestContext) {
  const signIn = (password: string) =>
    t.app.request("/api/v1/me/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: NINA, password }),
    });
  await signIn("Wrong-Password-1");
  const res = await signIn(DEMO_PASSWORD);
  const cookie = `sspr_session=${/sspr_session=([^;]+)/.exec(res.headers.get("set-cookie")!)![1]}`;
  await t.app.request("/api/v1/me/methods", {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ type: "email", value: "nina@home.example" }),
  });
  t.clock.advance(3_600_000);
  await signIn(DEMO_PASSWORD);
}

async function audit(t: TestContext, query: string) {
  const res = await t.app.request(`/api/v1/audit${query}`, { headers: t.auth("admin") });
  return { status: res.status, body: (await res.json()) as AuditBody };
}

describe("GET /api/v1/audit", () => {
  it("shows an admin a user's entries, newest first, with actor, target, outcome, code and IP", async () => {
    const t = await testApp({ seed: true });
    await ninasMorning(t);
    const res = await audit(t, `?user=${encodeURIComponent(NINA)}`);
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e) => [e.action, e.outcome, e.code])).toEqual([
      ["me.sign_in", "success", null],
      ["me.method_add", "success", null],
      ["me.sign_in", "success", null],
      ["me.sign_in", "failure", "invalid_credentials"],
    ]);
    const ids = res.body.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(res.body.entries[1]).toMatchObject({
      actorType: "user",
      actorId: "usr-nina.noreg",
      targetUserId: "usr-nina.noreg",
      targetUpn: NINA,
      ip: null,
      detail: expect.objectContaining({ type: "email" }),
    });
    expect(res.body.entries[0]!.at).toBe("2026-11-24T10:30:00.000Z");
    expect(res.body.nextCursor).toBeUndefined();
  });

  it("finds the same entries by user id as by upn", async () => {
    const t = await testApp({ seed: true });
    await ninasMorning(t);
    expect((await audit(t, "?user=usr-nina.noreg")).body).toEqual(
      (await audit(t, `?user=${encodeURIComponent(NINA)}`)).body,
    );
  });

  it("filters by since", async () => {
    const t = await testApp({ seed: true });
    await ninasMorning(t);
    const res = await audit(t, `?user=${encodeURIComponent(NINA)}&since=2026-11-24T10:00:00Z`);
    expect(res.body.entries.map((e) => e.action)).toEqual(["me.sign_in"]);
    const withOffset = await audit(
      t,
      `?user=${encodeURIComponent(NINA)}&since=${encodeURIComponent("2026-11-24T12:00:00+02:00")}`,
    );
    expect(withOffset.body.entries).toEqual(res.body.entries);
  });

  it("filters by action, exactly or by a prefix", async () => {
    const t = await testApp({ seed: true });
    await ninasMorning(t);
    const exact = await audit(t, "?action=me.method_add");
    expect(exact.body.entries.map((e) => e.action)).toEqual(["me.method_add"]);
    const prefix = await audit(t, `?user=${encodeURIComponent(NINA)}&action=me.*`);
    expect(prefix.body.entries).toHaveLength(4);
    // `_` is literal in a prefix, not SQL's one-character wildcard (which would match "me.").
    expect((await audit(t, "?action=me_*")).body.entries).toEqual([]);
  });

  it("pages with nextCursor until every entry was seen once", async () => {
    const t = await testApp({ seed: true });
    await ninasMorning(t);
    const all = (await audit(t, "?limit=500")).body.entries;
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit(t, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.entries.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it.each([
    ["since", "since=yesterday"],
    ["since", "since=2026-13-45T99:00:00Z"],
    ["limit", "limit=501"],
    ["cursor", "cursor=abc"],
    ["action", "action=DROP%20TABLE"],
  ])("refuses a bad %s, naming it", async (field, query) => {
    const t = await testApp({ seed: true });
    const res = await t.app.request(`/api/v1/audit?${query}`, { headers: t.auth("admin") });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.field).toBe(field);
    expect(p.detail.startsWith(`${field}: `)).toBe(true);
  });

  it("refuses an unknown query parameter, naming it", async () => {
    const t = await testApp();
    const res = await t.app.request("/api/v1/audit?target=x", { headers: t.auth("admin") });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).detail).toContain('"target"');
  });
});

staffRouteCases([{ method: "GET", path: "/api/v1/audit", minRole: "admin" }]);
