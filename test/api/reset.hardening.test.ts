/**
 * Regression tests for the hardening issue (11) on the reset flow: each one reproduces
 * an attack that worked before and asserts what the person or the attacker now sees.
 */
import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/demo-tenant";
import { post, start } from "../support/reset-driver";
import { testApp, type TestContext } from "../support/test-deps";

const NEW_PASSWORD = "Quiet-Meadow-Sparrow-71";
const totpAt = (t: TestContext, offsetSeconds = 0) =>
  generateSync({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds });

describe("one authenticator app is one method", () => {
  it("does not let ada.admin reset with one device by answering both app methods", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, "ada.admin@contoso.example");
    const first = await post(t, `/reset/${flowId}/verify`, { method: "authenticator_code", code: totpAt(t, -30) });
    expect(first.body).toEqual({ verifiedMethods: ["authenticator_code"], remaining: 1 });
    const second = await post(t, `/reset/${flowId}/verify`, { method: "authenticator_notification", code: totpAt(t) });
    expect(second.status).toBe(400);
    expect(second.body.code).toBe("verification_code_wrong");
    const done = await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD });
    expect(done.status).toBe(409);
    expect(done.body.code).toBe("flow_not_verified");
  });

  it("does not accept a notification alone where one method is required, but does accept the app's code", async () => {
    const t = await testApp({ seed: true });
    // Alex (Contoso: one method required, every method allowed) sets up the app.
    t.db.$client
      .prepare("INSERT INTO methods (id, user_id, type, totp_secret, verified, created_at) VALUES ('mth_alex_app', 'usr-alex.healthy', 'authenticator_code', ?, 1, ?)")
      .run(DEMO_TOTP_SECRET, t.clock.now().toISOString());
    const flowId = await start(t, "alex.healthy@contoso.example");
    const alone = await post(t, `/reset/${flowId}/verify`, { method: "authenticator_notification", code: totpAt(t) });
    expect(alone.status).toBe(400);
    expect(alone.body.code).toBe("verification_code_wrong");
    t.clock.advance(30_000);
    const code = await post(t, `/reset/${flowId}/verify`, { method: "authenticator_code", code: totpAt(t) });
    expect(code.body).toEqual({ verifiedMethods: ["authenticator_code"], remaining: 0 });
  });
});
