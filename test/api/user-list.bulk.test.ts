/**
 * The bulk-fix batch loop of the user list (flows/bulk-fix.ts) without the pages: a
 * mixed selection ends with every user counted once as applied, not applicable or
 * failed, each applied user audited with the reason; and the attempt-code filter
 * finds a one-off wrong code through the last attempt.
 */
import { afterEach, describe, expect, it } from "vitest";
import { bulkJob, startBulkFix } from "../../src/flows/bulk-fix";
import { listUsers } from "../../src/flows/user-list";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext | undefined;
afterEach(() => t?.close());

const admin = { id: "tok-test-admin", name: "Test Admin", role: "admin" as const };

describe("bulk fix batch loop", () => {
  it("counts every selected user once and audits each applied one with the reason", async () => {
    t = await testApp({ seed: true });
    const filter = { tenant: "contoso.example", verdict: "blocked" as const };
    const selected = listUsers(t.deps, filter, { offset: 0, limit: 10_000 }).total;
    const job = startBulkFix(t.deps, admin, "clear_throttle", filter, "  throttle clean-up  ");
    for (let i = 0; i < 200 && !bulkJob(t.deps, job.id, admin)!.finished; i++)
      await new Promise((r) => setTimeout(r, 10));
    const seen = bulkJob(t.deps, job.id, admin)!;
    expect(seen.finished).toBe(true);
    expect(seen.total).toBe(selected);
    expect(seen.done).toBe(selected);
    expect(seen.applied + seen.notApplicable + seen.failed).toBe(selected);
    expect(seen.applied).toBeGreaterThan(0);
    expect(seen.notApplicable).toBeGreaterThan(0);
    const reasons = t.db.$client
      .prepare("SELECT detail FROM audit_log WHERE action = 'fix.clear_throttle' AND outcome = 'success'")
      .pluck()
      .all() as string[];
    expect(reasons.length).toBe(seen.applied);
    for (const d of reasons) expect(JSON.parse(d).reason).toBe("throttle clean-up");
    // Another operator cannot read the job.
    expect(bulkJob(t.deps, job.id, { ...admin, id: "tok-other" })).toBeUndefined();
  });

  it("refuses a helpdesk run of an admin's fix before touching anyone", async () => {
    t = await testApp({ seed: true });
    const helpdesk = { ...admin, id: "tok-test-helpdesk", role: "helpdesk" as const };
    expect(() => startBulkFix(t!.deps, helpdesk, "enable_account", { tenant: "contoso.example" }, "why")).toThrow(
      /helpdesk tokens may apply only helpdesk fixes/,
    );
  });

  it("lets a helpdesk run of a helpdesk fix pass over administrators untouched, and keeps no secret in the outcomes", async () => {
    t = await testApp({ seed: true });
    const helpdesk = { ...admin, id: "tok-test-helpdesk", role: "helpdesk" as const };
    const ada = t.db.$client.prepare("SELECT id FROM users WHERE upn = 'ada.admin@contoso.example'").pluck().get();
    t.db.$client
      .prepare(
        "INSERT OR REPLACE INTO throttle_blocks (user_id, blocked_until, reason) VALUES (?, '2999-01-01T00:00:00.000Z', 'too_many_codes_sent')",
      )
      .run(ada);
    const job = startBulkFix(t.deps, helpdesk, "clear_throttle", { tenant: "contoso.example" }, "INC-9");
    for (let i = 0; i < 200 && !bulkJob(t.deps, job.id, helpdesk)!.finished; i++)
      await new Promise((r) => setTimeout(r, 10));
    const seen = bulkJob(t.deps, job.id, helpdesk)!;
    expect(seen.users.find((u) => u.userId === ada)).toMatchObject({ outcome: "skipped", code: "forbidden" });
    expect(t.db.$client.prepare("SELECT count(*) FROM throttle_blocks WHERE user_id = ?").pluck().get(ada)).toBe(1);
    for (const u of seen.users) expect(Object.keys(u).sort()).toEqual(["code", "outcome", "upn", "userId"]);
  });

  it("finds a one-off wrong code through the last attempt, not the verdict", async () => {
    t = await testApp({ seed: true });
    const rows = listUsers(t.deps, { finding: "verification_code_wrong" }, { offset: 0, limit: 100 }).rows;
    const vera = rows.find((r) => r.upn === "vera.wrongcode@contoso.example");
    expect(vera?.lastAttempt?.error).toBe("verification_code_wrong");
    expect(vera?.codes).not.toContain("verification_code_wrong");
    expect(vera?.verdict).not.toBe("blocked");
  });
});
