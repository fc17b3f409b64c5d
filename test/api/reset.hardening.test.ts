/**
 * Regression tests for the hardening issue (11) on the reset flow: each one reproduces
 * an attack that worked before and asserts what the person or the attacker now sees.
 */
import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { DEMO_TOTP_SECRET } from "../../src/db/seed/demo-tenant";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-tenant";
import { loginKey } from "../../src/domain/throttle";
import { solveProof } from "../../src/flows/proof-of-work";
import { challengeSolving, codeFromDevMailbox, passwordWorks, post, start, type Json } from "../support/reset-driver";
import { testApp, type TestContext } from "../support/test-deps";

const ALEX = "alex.healthy@contoso.example";
const UNKNOWN = "nobody@contoso.example";
const withoutIds = (body: Json) => {
  const { flowId: _f, expiresAt: _e, diagnosisId: _d, ...rest } = body;
  return rest;
};
/** A request as if from `ip` (app.request has no socket; the app reads the address from the Node bindings). */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
async function postFrom(t: TestContext, ip: string, path: string, body: unknown) {
  const res = await t.app.request(
    `/api/v1${path}`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    from(ip),
  );
  return { status: res.status, body: (await res.json()) as Json };
}
const codesOf = (body: Json) => ((body.findings as { code: string }[] | undefined) ?? []).map((f) => f.code);

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
      .prepare(
        "INSERT INTO methods (id, user_id, type, totp_secret, verified, created_at) VALUES ('mth_alex_app', 'usr-alex.healthy', 'authenticator_code', ?, 1, ?)",
      )
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

describe("attempt limits hold against parallel requests", () => {
  it("does not let the right code through after 14 wrong ones sent at once", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, ALEX);
    await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
    const code = await codeFromDevMailbox(t, "alex@home.example");
    const wrong = await Promise.all(
      Array.from({ length: 14 }, () => post(t, `/reset/${flowId}/verify`, { method: "email", code: "00000000" })),
    );
    // At most the limit's worth of guesses were ever checked; the rest were refused unchecked.
    expect(wrong.filter((r) => r.status === 400).length).toBeLessThanOrEqual(10);
    expect(wrong.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const right = await post(t, `/reset/${flowId}/verify`, { method: "email", code });
    expect(right.status).toBe(429);
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(409);
  });

  it("does not let the right password in after 14 wrong ones sent at once to /me/sign-in", async () => {
    const t = await testApp({ seed: true });
    const signIn = (password: string) =>
      t.app.request("/api/v1/me/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: ALEX, password }),
      });
    const wrong = await Promise.all(Array.from({ length: 14 }, (_, i) => signIn(`Wrong-Password-${i}`)));
    expect(wrong.filter((r) => r.status === 401).length).toBeLessThanOrEqual(10);
    expect((await signIn(DEMO_PASSWORD)).status).toBe(429);
  });

  it("delivers at most 5 codes an hour to one address however many challenges run at once", async () => {
    const t = await testApp({ seed: true });
    const flows = await Promise.all(Array.from({ length: 6 }, () => start(t, ALEX)));
    const answers = await Promise.all(
      flows.flatMap((flowId) =>
        [0, 1].map(() => post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" })),
      ),
    );
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(5);
    await new Promise((r) => setTimeout(r, 100)); // deliveries run after the answers
    expect(t.deps.devMailbox!.forRecipient("alex@home.example").length).toBe(5);
  });
});

describe("nobody can lock someone else out by guessing contacts", () => {
  it("keeps alex able to reset after an attacker's six sends to a guessed address", async () => {
    const t = await testApp({ seed: true });
    const attackerFlow = await start(t, ALEX);
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(
        await challengeSolving(t, attackerFlow, { method: "email", contact: "attacker-guess@nowhere.example" }),
      );
    expect(answers.slice(0, 5).every((a) => a.status === 200)).toBe(true);
    // The attacker's flow runs out of requests; the account is not touched.
    expect(answers[5]!.body.code).toBe("too_many_codes_sent");
    expect(t.db.$client.prepare("SELECT count(*) FROM throttle_blocks").pluck().get()).toBe(1); // only the seeded bob.blocked
    const own = await start(t, ALEX);
    expect((await post(t, `/reset/${own}/challenge`, { method: "email", contact: "alex@home.example" })).status).toBe(
      200,
    );
    const verified = await post(t, `/reset/${own}/verify`, {
      method: "email",
      code: await codeFromDevMailbox(t, "alex@home.example"),
    });
    expect(verified.status).toBe(200);
  });

  it("asks for a proof of work after three code requests in a flow, accepts a solution once, and refuses a forged one", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, ALEX);
    const ask = (extra: Json = {}) =>
      post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "guess@nowhere.example", ...extra });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const fourth = await ask();
    expect(fourth.status).toBe(428);
    expect(fourth.body.code).toBe("proof_of_work_required");
    const puzzle = fourth.body.proofOfWork as { challenge: string; difficulty: number; algorithm: string };
    expect(puzzle).toMatchObject({ algorithm: "SHA-256", difficulty: 16 });
    const proof = solveProof(puzzle as Parameters<typeof solveProof>[0]);
    expect((await ask({ proof })).status).toBe(200);
    expect((await ask({ proof })).status).toBe(428); // a spent solution is a replay
    const forged = { challenge: puzzle.challenge.replace(/.$/, (c) => (c === "0" ? "1" : "0")), nonce: proof.nonce };
    expect((await ask({ proof: forged })).status).toBe(428);
  });
});

describe("blocks do not tell real logins from unknown ones", () => {
  it("answers the tenth wrong code and the next start alike for a real and an unknown login", async () => {
    const t = await testApp({ seed: true });
    const tenth: Json[] = [];
    const next: { status: number; body: Json }[] = [];
    // Nine earlier wrong codes, recorded under the login's key as the flow records them (cheaper than nine scrypt checks).
    const earlier = t.db.$client.prepare(
      "INSERT INTO throttle_events (kind, subject, at) VALUES ('verification_failed', ?, ?)",
    );
    for (const login of [ALEX, UNKNOWN]) {
      for (let i = 0; i < 9; i++) earlier.run(loginKey(login), t.clock.now().toISOString());
      const flowId = await start(t, login);
      const last = await post(t, `/reset/${flowId}/verify`, { method: "email", code: "00000000" });
      tenth.push({ status: last.status, code: last.body.code, findings: codesOf(last.body) });
      const again = await post(t, "/reset/start", { login });
      next.push({ status: again.status, body: withoutIds(again.body) });
    }
    expect(tenth[0]).toMatchObject({ status: 429, code: "too_many_failed_verifications" });
    expect(tenth[1]).toEqual(tenth[0]);
    expect(next[0]!.status).toBe(429);
    expect(next[1]).toEqual(next[0]);
  });
});

describe("tenant-level findings belong to the domain", () => {
  it.each([
    ["tom.tailspin@tailspin.example", "nobody@tailspin.example", "sspr_disabled"],
    ["nora.northwind@northwind.example", "nobody@northwind.example", "sspr_scope_empty"],
  ])(
    "tells %s and an unknown login in the same domain the same, before any code is sent",
    async (real, unknown, code) => {
      const t = await testApp({ seed: true });
      const answers = [];
      for (const login of [real, unknown]) {
        const res = await post(t, "/reset/start", { login });
        answers.push({ status: res.status, body: withoutIds(res.body) });
      }
      expect(answers[0]!.status).toBe(403);
      expect(answers[0]!.body.code).toBe(code);
      expect(codesOf(answers[0]!.body)).toContain(code);
      expect(answers[1]).toEqual(answers[0]);
      expect(t.deps.devMailbox!.list()).toHaveLength(0);
    },
  );
});

describe("every refusal is in the audit log with its step, address and reason", () => {
  it("audits a throttled challenge and a proof-of-work demand under reset.challenge with the caller's IP", async () => {
    const t = await testApp({ seed: true });
    const ip = "203.0.113.7";
    const flowId = (await postFrom(t, ip, "/reset/start", { login: ALEX })).body.flowId as string;
    for (let i = 0; i < 4; i++)
      await postFrom(t, ip, `/reset/${flowId}/challenge`, { method: "email", contact: "guess@nowhere.example" });
    const rows = t.db.$client
      .prepare(
        "SELECT action, outcome, code, ip FROM audit_log WHERE target_user_id = 'usr-alex.healthy' AND outcome = 'failure' ORDER BY id",
      )
      .all() as { action: string; code: string; ip: string }[];
    expect(rows.at(-1)).toEqual({ action: "reset.challenge", outcome: "failure", code: "proof_of_work_required", ip });
  });

  it("audits a challenge refused for a method the tenant does not offer, with the field and IP", async () => {
    const t = await testApp({ seed: true });
    const ip = "192.0.2.9";
    const flowId = (await postFrom(t, ip, "/reset/start", { login: ALEX })).body.flowId as string;
    expect(
      (await postFrom(t, ip, `/reset/${flowId}/challenge`, { method: "office_phone", contact: "+37167000001" })).status,
    ).toBe(400);
    const row = t.db.$client
      .prepare(
        "SELECT action, code, ip, json_extract(detail, '$.field') AS field FROM audit_log WHERE outcome = 'failure' AND ip = ?",
      )
      .get(ip);
    expect(row).toEqual({ action: "reset.challenge", code: "invalid_request", ip, field: "method" });
  });

  it("audits a refusal for too many codes at the challenge step, with the IP", async () => {
    const t = await testApp({ seed: true });
    const ip = "198.51.100.4";
    const flowId = (await postFrom(t, ip, "/reset/start", { login: ALEX })).body.flowId as string;
    let last: { status: number; body: Json } | undefined;
    for (let i = 0; i < 6; i++) {
      last = await postFrom(t, ip, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
      if (last.status === 428)
        last = await postFrom(t, ip, `/reset/${flowId}/challenge`, {
          method: "email",
          contact: "alex@home.example",
          proof: solveProof(last.body.proofOfWork as Parameters<typeof solveProof>[0]),
        });
    }
    expect(last!.body.code).toBe("too_many_codes_sent");
    const row = t.db.$client.prepare("SELECT action, code, ip FROM audit_log WHERE code = 'too_many_codes_sent'").get();
    expect(row).toEqual({ action: "reset.challenge", code: "too_many_codes_sent", ip });
  });
});

describe("the too-many-resets limit", () => {
  it("blocks at once when the fifth reset of the day completes, so the next start is refused", async () => {
    const t = await testApp({ seed: true });
    const hourAgo = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const seeded = t.db.$client.prepare(
      "INSERT INTO throttle_events (user_id, kind, at) VALUES ('usr-alex.healthy', 'reset_completed', ?)",
    );
    for (let i = 0; i < 4; i++) seeded.run(hourAgo);
    const flowId = await start(t, ALEX);
    await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
    expect(
      (
        await post(t, `/reset/${flowId}/verify`, {
          method: "email",
          code: await codeFromDevMailbox(t, "alex@home.example"),
        })
      ).status,
    ).toBe(200);
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(200);
    expect(await passwordWorks(t, ALEX, NEW_PASSWORD)).toBe(true);
    const next = await post(t, "/reset/start", { login: ALEX });
    expect(next.status).toBe(429);
    expect(next.body.code).toBe("reset_blocked_temporarily");
  });
});

describe("the last failed step lives on the flow", () => {
  it("shows staff the wrong code in alex's diagnosis, and forgets it once a reset completes", async () => {
    const t = await testApp({ seed: true });
    const diagnose = async () => {
      const res = await t.app.request("/api/v1/diagnose", {
        method: "POST",
        headers: { "content-type": "application/json", ...t.auth("support") },
        body: JSON.stringify({ user: ALEX }),
      });
      return ((await res.json()) as { findings: { code: string }[] }).findings.map((f) => f.code);
    };
    const flowId = await start(t, ALEX);
    await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "alex@home.example" });
    expect((await post(t, `/reset/${flowId}/verify`, { method: "email", code: "00000000" })).status).toBe(400);
    expect(
      t.db.$client.prepare("SELECT json_extract(attempt, '$.error') FROM reset_flows WHERE id = ?").pluck().get(flowId),
    ).toBe("verification_code_wrong");
    expect(await diagnose()).toContain("verification_code_wrong");
    t.clock.advance(1000);
    expect(
      (
        await post(t, `/reset/${flowId}/verify`, {
          method: "email",
          code: await codeFromDevMailbox(t, "alex@home.example"),
        })
      ).status,
    ).toBe(200);
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(200);
    expect(await diagnose()).not.toContain("verification_code_wrong");
  });
});
