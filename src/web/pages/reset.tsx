/**
 * /reset: the user's wizard over the same flows as the JSON API — enter the login,
 * choose a method, type the full address or number, enter the code (or answers, or an
 * authenticator code), choose a new password with live hints, done; or unlock only.
 * A failed step shows the reason the person may see, what to do, the article and the
 * reference id to give support.
 */
import { Hono, type Context } from "hono";
import type { Deps } from "../../deps";
import { hasContactValue } from "../../domain/methods";
import { isFindingCode, METHODS, type Method } from "../../domain/catalogue";
import { AppError } from "../../errors";
import { complete } from "../../flows/complete";
import { challenge, flowProgress, startReset, verify } from "../../flows/reset";
import { ipOf } from "../../http/request-context";
import { csrfToken, requireCsrf } from "../csrf";
import { localizeFindings, type ShownFinding } from "../i18n/findings";
import { FINDINGS_LV } from "../i18n/findings-lv";
import { formText, type Form } from "../form";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import { Explanation, Layout } from "../layout";

const METHOD_VALUES: ReadonlySet<string> = new Set(METHODS);

/** Hidden fields every step carries forward. */
function Carry(p: { csrf: string; flowId: string; unlockOnly: boolean }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="flowId" value={p.flowId} />
      {p.unlockOnly ? <input type="hidden" name="unlockOnly" value="1" /> : null}
    </>
  );
}

function MethodChoice(p: { locale: Locale; csrf: string; flowId: string; unlockOnly: boolean; methods: Method[]; remaining?: number }) {
  const t = messages(p.locale).reset;
  return (
    <>
      <h1>{t.chooseMethod}</h1>
      {p.remaining ? <p class="notice" data-testid="remaining">{t.remaining(p.remaining)}</p> : null}
      <p class="hint">{t.methodsHint}</p>
      {p.methods.map((m) => (
        <form method="post" action="/reset/challenge" data-method={m}>
          <Carry csrf={p.csrf} flowId={p.flowId} unlockOnly={p.unlockOnly} />
          <input type="hidden" name="method" value={m} />
          <p class="method-name"><strong>{t.method[m] ?? m}</strong></p>
          {hasContactValue(m) ? (
            <>
              <label for={`contact-${m}`}>{m === "email" ? t.contactEmail : t.contactPhone}</label>
              <input id={`contact-${m}`} name="contact" type={m === "email" ? "email" : "tel"} required autocomplete="off" />
              <button type="submit">{t.sendCode}</button>
            </>
          ) : (
            <button type="submit">{messages(p.locale).common.continue}</button>
          )}
        </form>
      ))}
    </>
  );
}

function PasswordForm(p: { locale: Locale; csrf: string; flowId: string }) {
  const t = messages(p.locale).reset;
  return (
    <>
      <h1>{t.newPassword}</h1>
      <form method="post" action="/reset/complete" data-testid="password-form">
        <Carry csrf={p.csrf} flowId={p.flowId} unlockOnly={false} />
        <label for="newPassword">{t.newPassword}</label>
        <input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength={8} maxlength={256} />
        <label for="confirmPassword">{t.confirmPassword}</label>
        <input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required />
        <ul class="hints" id="password-hints" aria-live="polite">
          <li data-rule="length">{t.hints.length}</li>
          <li data-rule="match" data-text={t.passwordsDiffer}>{t.passwordsDiffer}</li>
          <li>{t.hints.notCommon}</li>
          <li>{t.hints.notReused}</li>
        </ul>
        <button type="submit">{t.setPassword}</button>
      </form>
    </>
  );
}

/** The failure in the reader's language: Latvian readers get the finding's or the flow's Latvian words. */
function localizedDetail(err: AppError, locale: Locale): string {
  if (locale === "en") return err.detail;
  return (isFindingCode(err.code) ? FINDINGS_LV[err.code]?.explanation : messages(locale).reset.errors[err.code]) ?? err.detail;
}

export function resetPages(deps: Deps) {
  const app = new Hono();
  app.use("/reset/*", requireCsrf);
  app.use("/reset", requireCsrf);

  const page = (c: Context, locale: Locale, body: unknown, status = 200) =>
    c.html(
      <Layout locale={locale} title={messages(locale).reset.title} path="/reset" demo={deps.demo} scripts={["reset.js"]}>
        {body as never}
      </Layout>,
      status as 200,
    );

  /** Render a flow failure as the person may see it; anything unexpected goes to app.onError. */
  const failed = (c: Context, locale: Locale, err: unknown, csrf: string, flowId?: string) => {
    if (!(err instanceof AppError)) throw err;
    const body = err.extra.body as { findings?: ShownFinding[] } | undefined;
    const t = messages(locale);
    return page(
      c,
      locale,
      <>
        <Explanation locale={locale} title={t.reset.failedTitle} detail={localizedDetail(err, locale)} findings={body?.findings && localizeFindings(body.findings, locale, deps.kb)} diagnosisId={err.extra.diagnosisId} />
        <p>
          {flowId && err.status < 429 && err.code !== "flow_expired" && err.code !== "flow_not_found" ? (
            <form method="post" action="/reset/methods">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="flowId" value={flowId} />
              <button type="submit" class="secondary">{t.common.back}</button>
            </form>
          ) : null}
          <a href="/reset">{t.common.startOver}</a>
        </p>
      </>,
      err.status,
    );
  };

  type Step = { locale: Locale; form: Form; csrf: string; flowId: string; unlockOnly: boolean };
  /** One wizard step: the form read once, the failure (if any) rendered as an explanation. */
  const step = (handler: (c: Context, s: Step) => Promise<Response>) => async (c: Context) => {
    const locale = pageLocale(c);
    const form = (await c.req.parseBody()) as Form;
    const s: Step = { locale, form, csrf: csrfToken(c), flowId: formText(form, "flowId"), unlockOnly: formText(form, "unlockOnly") === "1" };
    try {
      return await handler(c, s);
    } catch (err) {
      return failed(c, locale, err, s.csrf, s.flowId || undefined);
    }
  };

  app.get("/reset", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).reset;
    return page(
      c,
      locale,
      <>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        <form method="post" action="/reset">
          <input type="hidden" name="_csrf" value={csrfToken(c)} />
          <label for="login">
            {t.login} <small>{t.loginHint}</small>
          </label>
          <input id="login" name="login" type="email" autocomplete="username" required maxlength={320} />
          <label class="checkbox">
            <input type="checkbox" name="unlockOnly" value="1" /> {t.unlockOnly}
          </label>
          <button type="submit">{t.start}</button>
        </form>
      </>,
    );
  });

  app.post(
    "/reset",
    step(async (c, { locale, form, csrf, unlockOnly }) => {
      const login = formText(form, "login").trim();
      if (!login || login.length > 320) throw new AppError(400, "invalid_request", "login: type your sign-in name.", { field: "login" });
      const started = startReset(deps, login, { ip: ipOf(c), locale });
      return page(c, locale, <MethodChoice locale={locale} csrf={csrf} flowId={started.flowId} unlockOnly={unlockOnly} methods={started.methods} />);
    }),
  );

  /** Back to the method list of a live flow (after a failed step, or for the next method). */
  app.post(
    "/reset/methods",
    step(async (c, { locale, csrf, flowId, unlockOnly }) => {
      const progress = flowProgress(deps, flowId);
      if (!progress) throw new AppError(404, "flow_not_found", "This reset has ended. Start again.");
      if (progress.state === "verified" && !unlockOnly) return page(c, locale, <PasswordForm locale={locale} csrf={csrf} flowId={flowId} />);
      return page(c, locale, <MethodChoice locale={locale} csrf={csrf} flowId={flowId} unlockOnly={unlockOnly} methods={progress.methodsLeft} />);
    }),
  );

  app.post(
    "/reset/challenge",
    step(async (c, { locale, form, csrf, flowId, unlockOnly }) => {
      const t = messages(locale).reset;
      const method = formText(form, "method");
      if (!METHOD_VALUES.has(method)) throw new AppError(400, "invalid_request", "method: choose one of the listed methods.", { field: "method" });
      const contact = formText(form, "contact");
      const result = await challenge(deps, flowId, contact ? { method: method as Method, contact } : { method: method as Method }, { ip: ipOf(c), locale });
      if ("questions" in result) {
        return page(
          c,
          locale,
          <>
            <h1>{t.answerQuestions}</h1>
            <form method="post" action="/reset/verify">
              <Carry csrf={csrf} flowId={flowId} unlockOnly={unlockOnly} />
              <input type="hidden" name="method" value="security_questions" />
              <p class="hint">{t.answerHint}</p>
              {result.questions.map((q, i) => (
                <>
                  <input type="hidden" name={`q${i}`} value={q.id} />
                  <label for={`a${i}`}>{q.text}</label>
                  <input id={`a${i}`} name={`a${i}`} type="text" required autocomplete="off" />
                </>
              ))}
              <button type="submit">{t.verify}</button>
            </form>
          </>,
        );
      }
      return page(
        c,
        locale,
        <>
          <h1>{t.method[method] ?? method}</h1>
          {result.sent ? <p class="notice" data-testid="code-sent">{t.codeSent(result.expiresInSeconds)}</p> : null}
          <form method="post" action="/reset/verify">
            <Carry csrf={csrf} flowId={flowId} unlockOnly={unlockOnly} />
            <input type="hidden" name="method" value={method} />
            <label for="code">{result.sent ? t.enterCode : t.enterAppCode}</label>
            <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6,8}" required />
            <button type="submit">{t.verify}</button>
          </form>
        </>,
      );
    }),
  );

  app.post(
    "/reset/verify",
    step(async (c, { locale, form, csrf, flowId, unlockOnly }) => {
      const t = messages(locale).reset;
      const method = formText(form, "method");
      if (!METHOD_VALUES.has(method)) throw new AppError(400, "invalid_request", "method: choose one of the listed methods.", { field: "method" });
      const input =
        method === "security_questions"
          ? { method: "security_questions" as const, answers: [0, 1, 2, 3, 4].filter((i) => formText(form, `q${i}`)).map((i) => ({ questionId: formText(form, `q${i}`), answer: formText(form, `a${i}`) })) }
          : { method: method as Exclude<Method, "security_questions">, code: formText(form, "code").replace(/\s/g, "") };
      const result = await verify(deps, flowId, input, { ip: ipOf(c), locale });
      if (result.remaining > 0) {
        const methodsLeft = flowProgress(deps, flowId)?.methodsLeft ?? [];
        return page(c, locale, <MethodChoice locale={locale} csrf={csrf} flowId={flowId} unlockOnly={unlockOnly} methods={methodsLeft} remaining={result.remaining} />);
      }
      if (unlockOnly) {
        return page(
          c,
          locale,
          <form method="post" action="/reset/complete">
            <Carry csrf={csrf} flowId={flowId} unlockOnly={true} />
            <button type="submit">{t.unlock}</button>
          </form>,
        );
      }
      return page(c, locale, <PasswordForm locale={locale} csrf={csrf} flowId={flowId} />);
    }),
  );

  app.post(
    "/reset/complete",
    step(async (c, { locale, form, flowId, unlockOnly }) => {
      const t = messages(locale).reset;
      let input: { unlockOnly: true } | { newPassword: string };
      if (unlockOnly) input = { unlockOnly: true };
      else {
        const newPassword = formText(form, "newPassword");
        if (newPassword !== formText(form, "confirmPassword")) throw new AppError(400, "invalid_request", `confirmPassword: ${t.passwordsDiffer}`, { field: "confirmPassword" });
        input = { newPassword };
      }
      const result = await complete(deps, flowId, input, { ip: ipOf(c), locale });
      return page(
        c,
        locale,
        <section class="success" data-testid="done">
          <h1>{t.doneTitle}</h1>
          {result.passwordChanged ? <p>{t.donePassword}</p> : null}
          {result.passwordChanged && result.writeback === "written" ? <p>{t.doneWriteback}</p> : null}
          {result.unlocked ? <p>{t.doneUnlocked}</p> : null}
        </section>,
      );
    }),
  );
  return app;
}
