/**
 * A bulk fix outlives the process that ran it (issue 16 debt 2): its progress and outcome
 * are stored as it goes, so a freshly started app — new modules, same database — shows the
 * finished run to the staff member who started it and to no one else; and a run its
 * process abandoned reads as interrupted, with how far it got and a way to finish the rest.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBulkJob, recordBulkOutcome } from "../../src/db/bulk-jobs";
import { activeStaffToken } from "../../src/db/staff-tokens";
import { tokenHash } from "../../src/secrets/token";
import { BULK_JOB_QUIET_MS, interruptAbandonedBulkJobs } from "../../src/flows/bulk-fix";
import type { StaffRole } from "../../src/domain/staff";
import { formBrowser } from "../support/form-browser";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext | undefined;
afterEach(() => t?.close());

/** The app as a restarted process builds it: every module of ours loaded afresh, on the same database. */
async function restarted(t: TestContext): Promise<TestContext> {
  vi.resetModules();
  const { createApp } = (await import("../../src/app")) as typeof import("../../src/app");
  return { ...t, app: createApp(t.deps) };
}

async function signIn(t: TestContext, role: StaffRole) {
  const b = formBrowser(t);
  await b.get("/admin/sign-in");
  expect((await b.post("/admin/sign-in", { token: t.tokens[role], next: "/admin" })).status).toBe(200);
  return b;
}

const tokenId = (t: TestContext, role: StaffRole) => activeStaffToken(t.db, tokenHash(t.tokens[role]))!.id;

describe("bulk fix runs across a restart", () => {
  it("shows a finished run's progress and per-user outcome after the app is built again, to its starter only", async () => {
    t = await testApp({ seed: true });
    const b = await signIn(t, "admin");
    await b.get("/admin/users/bulk?finding=not_registered&tenant=contoso.example&fix=send_registration_reminder");
    let res = await b.post("/admin/users/bulk", {
      fix: "send_registration_reminder",
      finding: "not_registered",
      tenant: "contoso.example",
      reason: "INC-7 registration drive",
    });
    const url = /\/admin\/users\/bulk\/[0-9a-f-]{36}/.exec(res.html)![0];
    for (let i = 0; i < 50 && !res.html.includes('data-finished="true"'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await b.get(url);
    }
    expect(res.html).toContain('data-status="finished"');
    const summary = /data-testid="bulk-summary"[^>]*/.exec(res.html)![0];

    const again = await restarted(t);
    const after = await (await signIn(again, "admin")).get(url);
    expect(after.status).toBe(200);
    expect(after.html).toContain('data-status="finished"');
    expect(/data-testid="bulk-summary"[^>]*/.exec(after.html)![0]).toBe(summary);
    expect(after.html).toContain('data-upn="nina.noreg@contoso.example" data-outcome="applied"');
    expect(after.html).toContain("INC-7 registration drive");

    const other = await (await signIn(again, "helpdesk")).get(url);
    expect(other.status).toBe(404);
  });

  it("shows a run whose process stopped as interrupted, with how far it got and the same fix to run again", async () => {
    t = await testApp({ seed: true });
    const started = t.clock.now().toISOString();
    createBulkJob(t.db, {
      id: "00000000-0000-4000-8000-000000000001",
      operatorId: tokenId(t, "admin"),
      operatorName: "test admin",
      fix: "clear_throttle",
      filter: { tenant: "contoso.example", verdict: "blocked" },
      reason: "throttle clean-up",
      total: 5,
      startedAt: started,
    });
    for (const upn of ["a@contoso.example", "b@contoso.example"])
      recordBulkOutcome(
        t.db,
        "00000000-0000-4000-8000-000000000001",
        { userId: `usr-${upn}`, upn, outcome: "applied", code: null },
        started,
      );
    // Its process is gone: nothing bumps the heartbeat any more.
    expect(interruptAbandonedBulkJobs(t.deps)).toBe(0);
    t.clock.advance(BULK_JOB_QUIET_MS + 1000);
    const page = await (
      await signIn(await restarted(t), "admin")
    ).get("/admin/users/bulk/00000000-0000-4000-8000-000000000001");
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-status="interrupted"');
    expect(page.html).toContain('data-finished="true"');
    expect(page.html).toContain("2 of 5 done");
    expect(page.html).toContain('data-testid="bulk-interrupted"');
    expect(page.html).toMatch(
      /href="\/admin\/users\/bulk\?tenant=contoso\.example&amp;verdict=blocked&amp;fix=clear_throttle"/,
    );
    expect(page.html).toContain("Interrupted — the service stopped before this run reached everyone.");
  });
});
