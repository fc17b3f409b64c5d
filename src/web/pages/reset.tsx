/**
 * /reset: the user's wizard over the same flows as the JSON API — enter the login,
 * choose a method, type the full address or number, enter the code (or answers, or an
 * authenticator code), choose a new password with live hints, done; or unlock only.
 * A failed step shows the reason in the person's words, when they can try again, the
 * steps that are theirs, the article, and their helpdesk with the reference id to quote.
 * A wrong or expired code is answered on the code form itself: the typed code kept, the
 * field focused, a new code or another method one click away.
 */
import { Hono, type Context } from "hono";
import type { Deps } from "../../deps";
import { hasContactValue } from "../../domain/methods";
import { METHODS, type Method } from "../../domain/catalogue";
import { AppError } from "../../errors";
import { complete } from "../../flows/complete";
import { challenge, flowProgress, startReset, verify } from "../../flows/reset";
import { ipOf } from "../../http/request-context";
import { csrfToken, requireCsrf } from "../csrf";
import { helpdeskContact } from "../../db/helpdesk-contact";
import { maskValue } from "../../flows/masking";
import { forPerson, hasPersonText, personText, type ShownFinding } from "../i18n/findings";
import { whenText } from "../i18n/human";
import { formText, readForm, type Form } from "../form";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import { Explanation, Layout } from "../layout";
import { pageTimeZone } from "../time-zone";
import { ProofOfWorkStep, proofOfWorkTitle } from "./reset-proof";

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

function MethodChoice(p: {
  locale: Locale;
  csrf: string;
  flowId: string;
  unlockOnly: boolean;
  methods: Method[];
  remaining?: number;
}) {
  const t = messages(p.locale).reset;
  return (
    <>
      <h1>{t.chooseMethod}</h1>
      {p.remaining ? (
        <p class="notice" data-testid="remaining">
          {t.remaining(p.remaining)}
        </p>
      ) : null}
      <p class="hint">{t.methodsHint}</p>
      {p.methods.map((m) => (
        <form method="post" action="/reset/challenge" data-method={m}>
          <Carry csrf={p.csrf} flowId={p.flowId} unlockOnly={p.unlockOnly} />
          <input type="hidden" name="method" value={m} />
          <p class="method-name">
            <strong>{t.method[m] ?? m}</strong>
          </p>
          {hasContactValue(m) ? (
            <>
              <label for={`contact-${m}`}>{m === "email" ? t.contactEmail : t.contactPhone}</label>
              <input
                id={`contact-${m}`}
                name="contact"
                type={m === "email" ? "email" : "tel"}
                required
                autocomplete="off"
              />
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

function PasswordForm(p: { locale: Locale; csrf: string; flowId: string; mismatch?: boolean }) {
  const t = messages(p.locale).reset;
  return (
    <>
      <h1>{t.newPassword}</h1>
      <form method="post" action="/reset/complete" data-testid="password-form">
        <Carry csrf={p.csrf} flowId={p.flowId} unlockOnly={false} />
        <label for="newPassword">{t.newPassword}</label>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          minlength={8}
          maxlength={256}
        />
        <label for="confirmPassword">{t.confirmPassword}</label>
        {p.mismatch ? (
          <p class="field-error" id="confirm-error" data-testid="confirm-error">
            {t.passwordsDiffer}
          </p>
        ) : null}
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autocomplete="new-password"
          required
          autofocus={p.mismatch ? true : undefined}
          aria-invalid={p.mismatch ? "true" : undefined}
          aria-describedby={p.mismatch ? "confirm-error" : undefined}
        />
        <ul class="hints" id="password-hints" aria-live="polite">
          <li data-rule="length">{t.hints.length}</li>
          {/* Neutral until both are typed: "match" turns green, a difference says so (reset.js). */}
          <li data-rule="match" data-match={t.hints.match} data-differ={t.passwordsDiffer}>
            {t.hints.match}
          </li>
          <li>{t.hints.notCommon}</li>
          <li>{t.hints.notReused}</li>
        </ul>
        <ul class="hints" id="password-preflight" aria-live="polite" data-testid="password-preflight" hidden></ul>
        <button type="submit">{t.setPassword}</button>
      </form>
    </>
  );
}

/** A flow failure that is not a finding (flow_expired, rate_limited…) in the reader's language. */
function flowDetail(err: AppError, locale: Locale): string {
  const own = locale === "en" ? undefined : messages(locale).reset.errors[err.code];
  if (own) return own;
  // The flow's English names its field first ("contact: type the full …"); a person reads a sentence.
  const text = err.detail.replace(/^[A-Za-z]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Codes answered on the code form itself instead of a failure page. */
const CODE_RETRY: ReadonlySet<string> = new Set(["verification_code_wrong", "verification_code_expired"]);

/** The code form: where the code went (masked), the code field, and the ways on. */
function CodeForm(p: {
  locale: Locale;
  csrf: string;
  flowId: string;
  unlockOnly: boolean;
  method: Method;
  /** Masked destination ("a***@home.example"); absent for authenticator codes. */
  sentTo?: string;
  contact?: string;
  expiresInSeconds?: number;
  code?: string;
  error?: { title: string; explanation: string; diagnosisId?: string; articles: { title: string; url: string }[] };
}) {
  const t = messages(p.locale).reset;
  const common = messages(p.locale).common;
  const app = !hasContactValue(p.method);
  const carry = <Carry csrf={p.csrf} flowId={p.flowId} unlockOnly={p.unlockOnly} />;
  return (
    <>
      <h1>{app ? t.appCodeTitle : (t.method[p.method] ?? p.method)}</h1>
      {p.sentTo ? (
        <p class="notice" data-testid="code-sent">
          {t.codeSentTo(p.sentTo)}{" "}
          {p.expiresInSeconds ? t.codeValid(t.minutes(Math.round(p.expiresInSeconds / 60))) : null}
        </p>
      ) : null}
      <form method="post" action="/reset/verify" data-testid="code-form">
        {carry}
        <input type="hidden" name="method" value={p.method} />
        {p.sentTo ? <input type="hidden" name="sentTo" value={p.sentTo} /> : null}
        {p.contact ? <input type="hidden" name="contact" value={p.contact} /> : null}
        <label for="code">{app ? t.enterAppCode : t.enterCode}</label>
        {p.error ? (
          <div class="field-error" id="code-error" data-testid="code-error" role="alert">
            <p>
              <strong>{p.error.title}.</strong> {p.error.explanation}
            </p>
            {p.error.articles.map((a) => (
              <p>
                {common.readMore}: <a href={a.url}>{a.title}</a>
              </p>
            ))}
            {p.error.diagnosisId ? (
              <p>
                <small>
                  {common.referenceId}: <strong data-testid="reference-id">{p.error.diagnosisId}</strong>
                </small>
              </p>
            ) : null}
          </div>
        ) : null}
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6,8}"
          required
          value={p.code ?? ""}
          autofocus={p.error ? true : undefined}
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={p.error ? "code-error" : undefined}
        />
        <button type="submit">{t.verify}</button>
      </form>
      <div class="ways-on">
        {p.contact ? (
          <form method="post" action="/reset/challenge" class="inline" data-testid="resend">
            {carry}
            <input type="hidden" name="method" value={p.method} />
            <input type="hidden" name="contact" value={p.contact} />
            <button type="submit" class="link">
              {t.resend}
            </button>
          </form>
        ) : null}
        <form method="post" action="/reset/methods" class="inline" data-testid="other-method">
          {carry}
          <input type="hidden" name="other" value="1" />
          <button type="submit" class="link">
            {t.otherMethod}
          </button>
        </form>
      </div>
    </>
  );
}

export function resetPages(deps: Deps) {
  const app = new Hono();
  app.use("/reset/*", requireCsrf);
  app.use("/reset", requireCsrf);

  /** A wizard page; `title` names the step (each step has its own <title> and h1). */
  const page = (c: Context, locale: Locale, title: string, body: unknown, status = 200) =>
    c.html(
      <Layout locale={locale} title={title} path="/reset" demo={deps.demo} scripts={["reset.js"]}>
        {body as never}
      </Layout>,
      status as 200,
    );

  /** Render a flow failure as the person may see it; anything unexpected goes to app.onError. */
  const failed = (c: Context, locale: Locale, err: unknown, csrf: string, flowId?: string, login?: string) => {
    if (!(err instanceof AppError)) throw err;
    const body = err.extra.body as { findings?: ShownFinding[] } | undefined;
    const t = messages(locale);
    const isFinding = hasPersonText(err.code);
    const shown: ShownFinding[] = [...(body?.findings ?? [])];
    // The step's own code leads, even when its disclosure kept it out of the findings.
    if (isFinding && !shown.some((f) => f.code === err.code)) {
      shown.unshift({
        code: err.code,
        title: "",
        explanation: "",
        fixes: [],
        articles: deps.kb.articlesFor(err.code, locale),
      });
    }
    const findings = forPerson(shown, locale, deps.kb);
    const title = isFinding ? personText(err.code, locale).title : t.reset.failedTitle;
    const retryAfter = Number(err.extra.headers?.["Retry-After"]);
    const when =
      err.status === 429 && isFinding && retryAfter > 0
        ? whenText(locale, new Date(deps.clock.now().getTime() + retryAfter * 1000), deps.clock.now(), pageTimeZone(c))
        : undefined;
    return page(
      c,
      locale,
      title,
      <>
        <Explanation
          locale={locale}
          level={1}
          title={title}
          detail={isFinding ? undefined : flowDetail(err, locale)}
          when={when}
          findings={findings}
          diagnosisId={err.extra.diagnosisId}
          helpdesk={helpdeskContact(deps.db, { flowId, login })}
        />
        <p>
          {flowId &&
          err.status < 429 &&
          (err.status !== 403 || err.code === "unlock_not_allowed") &&
          err.code !== "flow_expired" &&
          err.code !== "flow_not_found" ? (
            <form method="post" action="/reset/methods">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="flowId" value={flowId} />
              <button type="submit" class="secondary">
                {t.common.back}
              </button>
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
    const form = await readForm(c);
    const s: Step = {
      locale,
      form,
      csrf: csrfToken(c),
      flowId: formText(form, "flowId"),
      unlockOnly: formText(form, "unlockOnly") === "1",
    };
    try {
      return await handler(c, s);
    } catch (err) {
      return failed(c, locale, err, s.csrf, s.flowId || undefined, formText(form, "login").trim() || undefined);
    }
  };

  app.get("/reset", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).reset;
    return page(
      c,
      locale,
      t.title,
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
      if (!login || login.length > 320)
        throw new AppError(400, "invalid_request", "login: type your sign-in name.", { field: "login" });
      // `await`: the flow may diagnose (and refuse) before any method is offered.
      const started = await startReset(deps, login, { ip: ipOf(c), locale });
      return page(
        c,
        locale,
        messages(locale).reset.chooseMethod,
        <MethodChoice
          locale={locale}
          csrf={csrf}
          flowId={started.flowId}
          unlockOnly={unlockOnly}
          methods={started.methods}
        />,
      );
    }),
  );

  /** Back to the method list of a live flow (after a failed step, or for the next method). */
  app.post(
    "/reset/methods",
    step(async (c, { locale, csrf, flowId, unlockOnly }) => {
      const progress = flowProgress(deps, flowId);
      if (!progress) throw new AppError(404, "flow_not_found", "This reset has ended. Start again.");
      if (progress.state === "verified" && !unlockOnly)
        return page(
          c,
          locale,
          messages(locale).reset.newPassword,
          <PasswordForm locale={locale} csrf={csrf} flowId={flowId} />,
        );
      return page(
        c,
        locale,
        messages(locale).reset.chooseMethod,
        <MethodChoice
          locale={locale}
          csrf={csrf}
          flowId={flowId}
          unlockOnly={unlockOnly}
          methods={progress.methodsLeft}
        />,
      );
    }),
  );

  app.post(
    "/reset/challenge",
    step(async (c, { locale, form, csrf, flowId, unlockOnly }) => {
      const t = messages(locale).reset;
      const method = formText(form, "method");
      if (!METHOD_VALUES.has(method))
        throw new AppError(400, "invalid_request", "method: choose one of the listed methods.", { field: "method" });
      const contact = formText(form, "contact");
      const proof = formText(form, "proofChallenge")
        ? { challenge: formText(form, "proofChallenge"), nonce: formText(form, "proofNonce") }
        : undefined;
      let result: Awaited<ReturnType<typeof challenge>>;
      try {
        result = await challenge(
          deps,
          flowId,
          { method: method as Method, ...(contact && { contact }), ...(proof && { proof }) },
          { ip: ipOf(c), locale },
        );
      } catch (err) {
        // A proof of work is asked: the browser solves it (/static/reset.js) and sends the same request again.
        const puzzle =
          err instanceof AppError && err.code === "proof_of_work_required"
            ? (err.extra.body?.proofOfWork as { challenge: string; difficulty: number })
            : undefined;
        if (!puzzle) throw err;
        return page(
          c,
          locale,
          proofOfWorkTitle(locale),
          <ProofOfWorkStep
            locale={locale}
            csrf={csrf}
            flowId={flowId}
            unlockOnly={unlockOnly}
            method={method}
            contact={contact}
            challenge={puzzle.challenge}
            difficulty={puzzle.difficulty}
          />,
        );
      }
      if ("questions" in result) {
        return page(
          c,
          locale,
          t.answerQuestions,
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
      // Where the code went, masked: the flow's own answer when it gives one, else what the person typed.
      const fromFlow = (result as { sentTo?: unknown }).sentTo;
      const sentTo = result.sent
        ? typeof fromFlow === "string"
          ? fromFlow
          : (maskValue(method as Method, contact) ?? "")
        : undefined;
      return page(
        c,
        locale,
        result.sent ? (t.method[method] ?? method) : t.appCodeTitle,
        <CodeForm
          locale={locale}
          csrf={csrf}
          flowId={flowId}
          unlockOnly={unlockOnly}
          method={method as Method}
          sentTo={sentTo}
          contact={result.sent ? contact : undefined}
          expiresInSeconds={result.sent ? result.expiresInSeconds : undefined}
        />,
      );
    }),
  );

  app.post(
    "/reset/verify",
    step(async (c, { locale, form, csrf, flowId, unlockOnly }) => {
      const t = messages(locale).reset;
      const method = formText(form, "method");
      if (!METHOD_VALUES.has(method))
        throw new AppError(400, "invalid_request", "method: choose one of the listed methods.", { field: "method" });
      const input =
        method === "security_questions"
          ? {
              method: "security_questions" as const,
              answers: [0, 1, 2, 3, 4]
                .filter((i) => formText(form, `q${i}`))
                .map((i) => ({ questionId: formText(form, `q${i}`), answer: formText(form, `a${i}`) })),
            }
          : {
              method: method as Exclude<Method, "security_questions">,
              code: formText(form, "code").replace(/\s/g, ""),
            };
      let result: Awaited<ReturnType<typeof verify>>;
      try {
        result = await verify(deps, flowId, input, { ip: ipOf(c), locale });
      } catch (err) {
        // A wrong or expired code is answered on the same form, the typed code kept.
        if (
          !(err instanceof AppError) ||
          err.status !== 400 ||
          !CODE_RETRY.has(err.code) ||
          input.method === "security_questions"
        )
          throw err;
        const sentTo = formText(form, "sentTo");
        const error = {
          ...personText(err.code, locale),
          diagnosisId: err.extra.diagnosisId,
          articles: deps.kb.articlesFor(err.code, locale),
        };
        const body = (
          <CodeForm
            locale={locale}
            csrf={csrf}
            flowId={flowId}
            unlockOnly={unlockOnly}
            method={input.method}
            sentTo={sentTo || undefined}
            contact={formText(form, "contact") || undefined}
            code={input.code}
            error={error}
          />
        );
        return page(
          c,
          locale,
          `${error.title} · ${hasContactValue(input.method) ? (t.method[method] ?? method) : t.appCodeTitle}`,
          body,
          400,
        );
      }
      if (result.remaining > 0) {
        const methodsLeft = flowProgress(deps, flowId)?.methodsLeft ?? [];
        return page(
          c,
          locale,
          t.chooseMethod,
          <MethodChoice
            locale={locale}
            csrf={csrf}
            flowId={flowId}
            unlockOnly={unlockOnly}
            methods={methodsLeft}
            remaining={result.remaining}
          />,
        );
      }
      if (unlockOnly) {
        return page(
          c,
          locale,
          t.unlock,
          <>
            <h1>{t.unlock}</h1>
            <form method="post" action="/reset/complete">
              <Carry csrf={csrf} flowId={flowId} unlockOnly={true} />
              <button type="submit">{t.unlock}</button>
            </form>
          </>,
        );
      }
      return page(c, locale, t.newPassword, <PasswordForm locale={locale} csrf={csrf} flowId={flowId} />);
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
        // Answered on the same form, next to the field: nothing was sent anywhere yet.
        if (newPassword !== formText(form, "confirmPassword"))
          return page(
            c,
            locale,
            t.newPassword,
            <PasswordForm locale={locale} csrf={csrfToken(c)} flowId={flowId} mismatch />,
            400,
          );
        input = { newPassword };
      }
      const result = await complete(deps, flowId, input, { ip: ipOf(c), locale });
      return page(
        c,
        locale,
        t.doneTitle,
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
