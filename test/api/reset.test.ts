import { generateSync } from "otplib";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ANSWERS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../src/db/seed/demo-tenant";
import { smtpMailer } from "../../src/delivery/mailer";
import { SECURITY_QUESTIONS } from "../../src/domain/security-questions";
import { contactOf, passwordWorks, post, start, verifyByCode } from "../support/reset-driver";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp-server";
import { testApp, type TestContext } from "../support/test-deps";

const NEW_PASSWORD = "Quiet-Meadow-Sparrow-71";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** The first mail to `to` (matching `pred`) the server received, waiting up to 5 s for delivery. */
async function waitForMail(
  smtp: TestSmtpServer,
  to: string,
  pred: (m: ReceivedMail) => boolean = () => true,
): Promise<ReceivedMail> {
  for (let i = 0; i < 500; i++) {
    const m = smtp.messages.find((x) => x.to.includes(to) && pred(x));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no mail to ${to}`);
}

const totpNow = (t: TestContext) =>
  generateSync({ secret: DEMO_TOTP_SECRET, epoch: Math.floor(t.clock.now().getTime() / 1000) });

describe("a reset, start to finish", () => {
  it("resets a healthy user's password with an email code delivered over real SMTP", async () => {
    const smtp = await startSmtpServer();
    const mailer = smtpMailer({ url: smtp.url, from: "SSPR Doctor <no-reply@sspr-doctor.example>" });
    cleanups.push(
      () => mailer.close(),
      () => smtp.close(),
    );
    const t = await testApp({ seed: true, mailer });
    const login = "alex.healthy@contoso.example";

    const started = await post(t, "/reset/start", { login });
    expect(started.status).toBe(200);
    expect(started.body.methods).toContain("email");
    const flowId = started.body.flowId as string;

    const ch = await post(t, `/reset/${flowId}/challenge`, { method: "email", contact: "Alex@Home.Example" });
    expect(ch.body).toMatchObject({ method: "email", sent: true, codeLength: 8 });
    const mail = await waitForMail(smtp, "alex@home.example");
    const code = /\b(\d{8})\b/.exec(mail.text)![1]!;

    const verified = await post(t, `/reset/${flowId}/verify`, { method: "email", code });
    expect(verified.body).toEqual({ verifiedMethods: ["email"], remaining: 0 });

    const done = await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", passwordChanged: true, writeback: "not_needed" });
    expect(await passwordWorks(t, login, NEW_PASSWORD)).toBe(true);
    expect(await passwordWorks(t, login, DEMO_PASSWORD)).toBe(false);
    // The user hears about it on their registered address.
    const notice = await waitForMail(smtp, "alex@home.example", (m) => /was reset/i.test(m.subject));
    expect(notice.text).toContain(login);
    const audit = t.db.$client
      .prepare("SELECT action, outcome FROM audit_log WHERE target_user_id = 'usr-alex.healthy' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { action: "reset.start", outcome: "success" },
      { action: "reset.challenge", outcome: "success" },
      { action: "reset.verify", outcome: "success" },
      { action: "reset.complete", outcome: "success" },
    ]);
  });

  it("verifies an SMS code typed with spaces in the number", async () => {
    const t = await testApp({ seed: true });
    const login = "alex.healthy@contoso.example";
    const phone = contactOf(t, login, "mobile_sms");
    const flowId = await start(t, login);
    const spaced = `${phone.slice(0, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`;
    const ch = await post(t, `/reset/${flowId}/challenge`, { method: "mobile_sms", contact: spaced });
    expect(ch.body).toMatchObject({ sent: true, codeLength: 6 });
    const res = await verifyByCode(t, flowId, "mobile_sms", phone);
    expect(res.body).toEqual({ verifiedMethods: ["mobile_sms"], remaining: 0 });
  });

  it("asks an administrator for two methods and accepts an authenticator code at the injected clock", async () => {
    const t = await testApp({ seed: true });
    const login = "ada.admin@contoso.example";
    const flowId = await start(t, login);
    const first = await verifyByCode(t, flowId, "email", "ada@home.example");
    expect(first.body).toEqual({ verifiedMethods: ["email"], remaining: 1 });
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(409);

    t.clock.advance(60_000);
    await post(t, `/reset/${flowId}/challenge`, { method: "authenticator_code" });
    const second = await post(t, `/reset/${flowId}/verify`, { method: "authenticator_code", code: totpNow(t) });
    expect(second.body).toEqual({ verifiedMethods: ["email", "authenticator_code"], remaining: 0 });
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it("refuses an authenticator code replayed within its window", async () => {
    const t = await testApp({ seed: true });
    const login = "ada.admin@contoso.example";
    const code = totpNow(t);
    const a = await start(t, login);
    expect((await post(t, `/reset/${a}/verify`, { method: "authenticator_code", code })).status).toBe(200);
    const b = await start(t, login);
    const replay = await post(t, `/reset/${b}/verify`, { method: "authenticator_code", code });
    expect(replay.body.code).toBe("verification_code_wrong");
  });

  it("verifies security questions answered with different case and spacing", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, "quinn.questions@contoso.example");
    const ch = await post(t, `/reset/${flowId}/challenge`, { method: "security_questions" });
    const questions = ch.body.questions as { id: string; text: string }[];
    expect(questions).toHaveLength(3);
    const answers = questions.map((q) => {
      const i = SECURITY_QUESTIONS.findIndex((s) => s.id === q.id);
      return { questionId: q.id, answer: `  ${DEMO_ANSWERS[i]!.toUpperCase()} ` };
    });
    const res = await post(t, `/reset/${flowId}/verify`, { method: "security_questions", answers });
    expect(res.body).toEqual({ verifiedMethods: ["security_questions"], remaining: 0 });
  });

  it("asks the questions in Latvian for a Latvian browser", async () => {
    const t = await testApp({ seed: true });
    const flowId = await start(t, "quinn.questions@contoso.example");
    const ch = await post(
      t,
      `/reset/${flowId}/challenge`,
      { method: "security_questions" },
      { "accept-language": "lv-LV,lv;q=0.9" },
    );
    const texts = (ch.body.questions as { text: string }[]).map((q) => q.text);
    expect(texts.every((x) => SECURITY_QUESTIONS.some((q) => q.lv === x))).toBe(true);
  });

  it("needs two methods where the tenant requires two", async () => {
    const t = await testApp({ seed: true });
    const login = "felix.fine@fabrikam.example";
    const flowId = await start(t, login);
    expect((await verifyByCode(t, flowId, "email", "felix@home.example")).body.remaining).toBe(1);
    const res = await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("flow_not_verified");
    expect((await verifyByCode(t, flowId, "mobile_sms", contactOf(t, login, "mobile_sms"))).body.remaining).toBe(0);
    expect((await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it("writes a synced user's new password back on-premises", async () => {
    const t = await testApp({ seed: true });
    const login = "sam.synced@contoso.example";
    const flowId = await start(t, login);
    await verifyByCode(t, flowId, "email", "sam@home.example");
    const done = await post(t, `/reset/${flowId}/complete`, { newPassword: NEW_PASSWORD });
    expect(done.body).toMatchObject({ status: "completed", writeback: "written" });
  });

  it("unlocks a locked synced account without changing its password when the policy allows", async () => {
    const t = await testApp({ seed: true });
    const login = "larry.locked@contoso.example";
    const flowId = await start(t, login);
    await verifyByCode(t, flowId, "email", "larry@home.example");
    const done = await post(t, `/reset/${flowId}/complete`, { unlockOnly: true });
    expect(done.body).toMatchObject({ status: "unlocked", passwordChanged: false, unlocked: true });
    expect(t.db.$client.prepare("SELECT onprem_locked_out FROM users WHERE upn = ?").pluck().get(login)).toBe(0);
    expect(await passwordWorks(t, login, DEMO_PASSWORD)).toBe(true);
  });
});
