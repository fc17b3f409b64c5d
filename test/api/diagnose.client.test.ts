/**
 * The diagnosis routes through a typed client (hono/testing's testClient): the request
 * and response types flow from the route definitions, so this file type-checks only
 * while the routes keep their schemas (CONTRACT §2), and the bodies match them at run time.
 */
import { testClient } from "hono/testing";
import { describe, expect, it } from "vitest";
import { DiagnosisSchema } from "../../src/domain/diagnosis";
import { diagnoseRoutes } from "../../src/http/routes/diagnose";
import { snapshotInput } from "../support/snapshots";
import { testApp } from "../support/test-deps";

describe("the diagnosis routes through a typed client", () => {
  it("simulates, diagnoses a stored user and opens the stored diagnosis with typed bodies", async () => {
    const t = await testApp({ seed: true });
    const client = testClient(diagnoseRoutes(t.deps));
    const headers = t.auth("support");

    const simulated = await client.diagnose.simulate.$post({ json: snapshotInput() as never }, { headers });
    expect(simulated.status).toBe(200);
    const healthy = await simulated.json();
    expect(DiagnosisSchema.parse(healthy).verdict).toBe(healthy.verdict);

    const res = await client.diagnose.$post({ json: { user: "oscar.outside@contoso.example" } }, { headers });
    // The status narrows the body's type from "diagnosis or problem" to the diagnosis.
    if (res.status !== 200) throw new Error(`POST /diagnose answered ${res.status}`);
    const body = await res.json();
    // Typed: `primary`, `user.upn` and `whatIf` are known to the compiler, not `any`.
    const primary: string | null = body.primary;
    const upn: string = body.user.upn;
    const whatIf: boolean = body.whatIf;
    // @ts-expect-error the contract has no such field: proof the body is typed, not `any`
    expect(body.notAField).toBeUndefined();
    expect({ primary, upn, whatIf }).toEqual({
      primary: "user_not_in_sspr_scope",
      upn: "oscar.outside@contoso.example",
      whatIf: false,
    });
    expect(DiagnosisSchema.safeParse(body).success).toBe(true);

    const stored = await client.diagnoses[":id"].$get({ param: { id: body.id } }, { headers });
    if (stored.status !== 200) throw new Error(`GET /diagnoses/:id answered ${stored.status}`);
    const reopened = await stored.json();
    expect(reopened.id).toBe(body.id);
    expect(reopened.findings.map((f) => f.code)).toEqual(body.findings.map((f) => f.code));
    const storedAt: string = reopened.storedAt;
    expect(storedAt).toBe(t.clock.now().toISOString());
  });
});
