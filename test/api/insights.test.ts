/**
 * Insights and the connector status page: the counts on the API, the page and the CSV
 * match audit rows seeded through the audit store, the date range filters them, and the
 * connector page shows the demo connectors with a status history that records a change
 * once, not once per heartbeat.
 */
import { describe, expect, it } from "vitest";
import { audit, type AuditEntry } from "../../src/db/audit";
import { noteConnectorStatus, noteSimulatedStatuses, statusHistory } from "../../src/db/connector-status";
import { recordConnectorHealth } from "../../src/db/directory-facts";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

type Insights = {
  from: string;
  to: string;
  days: { day: string; attempted: number; succeeded: number; failed: number; registered: number }[];
  totals: { attempted: number; succeeded: number; failed: number; registered: number };
  failuresByCode: { code: string; count: number }[];
  funnel: { step: string; people: number }[];
};

const T = "tnt-contoso";

/** One person's reset on a day: start, challenge, verify, then complete or a failure at `failAt`. */
function seedFlow(t: TestContext, day: string, user: string, failAt?: { action: AuditEntry["action"]; code: string }) {
  const at = (h: number) => new Date(`${day}T${String(h).padStart(2, "0")}:00:00Z`);
  const row = (h: number, action: AuditEntry["action"], outcome: "success" | "failure" = "success", code?: string) =>
    audit(t.db, at(h), {
      tenantId: T,
      actorType: "anonymous",
      action,
      targetUserId: user,
      outcome,
      code: code ?? null,
    });
  row(8, "reset.start");
  row(9, "reset.challenge");
  row(10, "reset.verify");
  if (failAt) row(11, failAt.action, "failure", failAt.code);
  else row(11, "reset.complete");
}

async function seeded() {
  const t = await testApp({ seed: true });
  seedFlow(t, "2026-06-20", "usr-a");
  seedFlow(t, "2026-06-20", "usr-b", { action: "reset.writeback", code: "writeback_degraded" });
  seedFlow(t, "2026-06-21", "usr-c", { action: "reset.set_password", code: "password_too_weak" });
  seedFlow(t, "2026-06-25", "usr-d");
  audit(t.db, new Date("2026-06-21T12:00:00Z"), {
    tenantId: T,
    actorType: "user",
    action: "me.method_verify",
    targetUserId: "usr-e",
    outcome: "success",
  });
  // Another tenant's rows never count.
  audit(t.db, new Date("2026-06-20T12:00:00Z"), {
    tenantId: "tnt-litware",
    actorType: "anonymous",
    action: "reset.start",
    outcome: "success",
  });
  return t;
}

describe("tenant insights", () => {
  it("counts the seeded audit rows per day, by failure code and along the funnel", async () => {
    const t = await seeded();
    const res = await t.app.request("/api/v1/tenants/contoso.example/insights?from=2026-06-19&to=2026-06-26", {
      headers: t.auth("admin"),
    });
    expect(res.status).toBe(200);
    const i = (await res.json()) as Insights;
    expect(i.days).toHaveLength(8);
    expect(i.totals).toEqual({ attempted: 4, succeeded: 2, failed: 2, registered: 1 });
    expect(i.days.find((d) => d.day === "2026-06-20")).toMatchObject({ attempted: 2, succeeded: 1, failed: 1 });
    expect(i.days.find((d) => d.day === "2026-06-22")).toMatchObject({ attempted: 0, succeeded: 0, failed: 0 });
    expect(i.failuresByCode).toEqual([
      { code: "password_too_weak", count: 1 },
      { code: "writeback_degraded", count: 1 },
    ]);
    // usr-b's password passed the checks and failed at writeback; usr-c's failed the checks.
    expect(Object.fromEntries(i.funnel.map((f) => [f.step, f.people]))).toEqual({
      start: 4,
      challenge: 4,
      verify: 4,
      set: 3,
      writeback: 2,
    });
    t.close();
  });

  it("filters by the date range and refuses a range upside down or longer than a year", async () => {
    const t = await seeded();
    const get = (qs: string) =>
      t.app.request(`/api/v1/tenants/contoso.example/insights?${qs}`, { headers: t.auth("admin") });
    const one = (await (await get("from=2026-06-21&to=2026-06-21")).json()) as Insights;
    expect(one.totals).toEqual({ attempted: 1, succeeded: 0, failed: 1, registered: 1 });
    // No range: the last 30 days up to today.
    const recent = (await (await get("")).json()) as Insights;
    expect(recent.days).toHaveLength(30);
    expect(recent.to).toBe(t.clock.now().toISOString().slice(0, 10));
    expect((await get("from=2026-06-25&to=2026-06-20")).status).toBe(400);
    expect((await get("from=2025-01-01&to=2026-06-20")).status).toBe(400);
    expect((await get("from=yesterday")).status).toBe(400);
    expect(
      (await t.app.request("/api/v1/tenants/contoso.example/insights", { headers: t.auth("support") })).status,
    ).toBe(403);
    t.close();
  });

  it("renders the page with its charts, and the CSV has one row per day with the counts", async () => {
    const t = await seeded();
    const b = formBrowser(t);
    await b.get("/admin/sign-in");
    await b.post("/admin/sign-in", { token: t.tokens.admin!, next: "/admin" });
    const page = await b.get("/admin/tenants/tnt-contoso/insights?from=2026-06-20&to=2026-06-21");
    expect(page.status).toBe(200);
    for (const id of ["daily-chart", "failures-chart", "funnel-chart", "blocked-groups", "insights-csv"])
      expect(page.html).toContain(`data-testid="${id}"`);
    expect(page.html).toMatch(/data-testid="attempted"><th scope="row">Attempted<\/th><td>3<\/td>/);
    expect(page.html).not.toContain(" style=");
    const csv = await t.app.request("/admin/tenants/tnt-contoso/insights.csv?from=2026-06-20&to=2026-06-21", {
      headers: { cookie: (await signedInCookie(t)) ?? "" },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")).toEqual([
      "day,attempted,succeeded,failed,registered",
      "2026-06-20,2,1,1,0",
      "2026-06-21,1,0,1,1",
      "",
    ]);
    t.close();
  });
});

/** A staff session cookie for a raw request (the CSV is a download, not a page). */
async function signedInCookie(t: TestContext): Promise<string | undefined> {
  const first = await t.app.request("/admin/sign-in");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())?.[1] ?? "";
  const jar = first.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await t.app.request("/admin/sign-in", {
    method: "POST",
    headers: { cookie: jar, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, token: t.tokens.admin!, next: "/admin" }).toString(),
  });
  const staff = res.headers.getSetCookie().find((c) => c.startsWith("sspr_staff="));
  return staff ? `${jar}; ${staff.split(";")[0]}` : undefined;
}

describe("connector status page", () => {
  it("lists the demo connectors: litware unreachable, relecloud degraded, with their history", async () => {
    const t = await testApp({ seed: true });
    noteSimulatedStatuses(t.db, t.clock.now());
    const b = formBrowser(t);
    await b.get("/admin/sign-in");
    await b.post("/admin/sign-in", { token: t.tokens.admin!, next: "/admin" });
    const page = await b.get("/admin/connectors");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/data-tenant="tnt-litware" data-status="unreachable"/);
    expect(page.html).toMatch(/data-tenant="tnt-relecloud" data-status="degraded"/);
    expect(page.html).toContain('data-testid="status-history"');
    expect(page.html).toMatch(/<tr data-tenant="tnt-litware" data-status="unreachable">/);
    expect(page.html).not.toMatch(/bind_secret|v1:/);
    t.close();
  });

  it("records a status change once, not once per heartbeat", async () => {
    const t = await testApp({ seed: true });
    const now = t.clock.now();
    noteSimulatedStatuses(t.db, now);
    noteSimulatedStatuses(t.db, now);
    expect(statusHistory(t.db, 10, ["tnt-relecloud"]).map((h) => h.status)).toEqual(["degraded"]);
    recordConnectorHealth(t.db, "tnt-relecloud", { status: "healthy", at: now.toISOString() });
    noteSimulatedStatuses(t.db, now);
    noteSimulatedStatuses(t.db, now);
    expect(statusHistory(t.db, 10, ["tnt-relecloud"]).map((h) => h.status)).toEqual(["healthy", "degraded"]);
    // The directory heartbeat goes through the same rule.
    expect(noteConnectorStatus(t.db, "tnt-relecloud", "healthy", now, "directory")).toBe(false);
    expect(noteConnectorStatus(t.db, "tnt-relecloud", "unreachable", now, "directory")).toBe(true);
    t.close();
  });
});
