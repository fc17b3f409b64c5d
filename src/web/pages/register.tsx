/**
 * /register: a signed-in user's security info — sign in with the password, see the
 * registered methods (masked), add and verify a method, remove one, set security
 * questions, and confirm the info is still right. A prompt says when registration or
 * reconfirmation is due by policy, and a person whose every method is needed is told to
 * add another. A refused field is named next to the field, the typed value kept; an
 * authenticator is set up by scanning a QR code drawn on the server (an SVG, so the
 * strict CSP needs no script). The same flows serve the JSON API (/api/v1/me).
 */
import { Hono, type Context } from "hono";
import { raw } from "hono/html";
import QRCode from "qrcode";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../../deps";
import type { Method } from "../../domain/catalogue";
import { CONTACT_METHODS } from "../../domain/methods";
import { AppError } from "../../errors";
import { addMethod, verifyMethod, type AddMethodResult } from "../../flows/enrolment";
import {
  confirmRegistration,
  listMethods,
  registrationFor,
  removeMethod,
  type RemoveResult,
} from "../../flows/registration";
import { listSecurityQuestions, setSecurityQuestions } from "../../flows/registration-questions";
import { finishStepUp, startStepUp, type StepUpStarted } from "../../flows/step-up";
import { StepUpChoice, StepUpCode, steppedUpText } from "./register-step-up";
import type { MethodView } from "../../flows/registration";
import {
  lookupSession,
  SESSION_COOKIE,
  SESSION_TTL_HOURS,
  signIn,
  signInWithPass,
  signOut,
  type SessionUser,
} from "../../flows/session";
import { ipOf, sessionCookieOptions } from "../../http/request-context";
import { csrfToken, requireCsrf } from "../csrf";
import { formText, readForm, type Form } from "../form";
import { hasPersonText, personText } from "../i18n/findings";
import { relativeTime } from "../i18n/human";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import { Explanation, Layout } from "../layout";

/**
 * A flow's refusal in the reader's language: Latvian by code (or code and field), else the
 * flow's own words; a refusal that says when it lifts says it as people do, from `now`.
 */
function errorText(err: AppError, locale: Locale, now?: Date): string {
  const retryAt = err.extra.body?.retryAt;
  if (err.code === "too_many_password_choices" && typeof retryAt === "string" && now)
    return messages(locale).register.tooManyPasswordChoices(relativeTime(locale, new Date(retryAt), now));
  const errors = messages(locale).register.errors;
  const field = fieldOf(err);
  const own = errors[`${err.code}:${field}`] ?? errors[err.code];
  if (own) return own;
  // The flow's English names its field first ("value: expected …"); the page names it by its label instead.
  const text = err.detail.replace(/^[A-Za-z[\].0-9]+: /, "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const fieldOf = (err: AppError) => err.extra.field?.split(/[.[]/)[0];

/** What the last action wants to tell the person, shown above the dashboard. */
type Notice = {
  added?: AddMethodResult;
  /** The authenticator's otpauth URI drawn as an SVG QR code. */
  qrSvg?: string;
  removed?: RemoveResult;
  saved?: boolean;
  error?: AppError;
  /** What the person typed into the add-method form, kept when it was refused. */
  typed?: { type: string; value: string };
  stepUp?: StepUpStarted;
  steppedUp?: boolean;
};

const DAY_MS = 24 * 3_600_000;

export function registerPages(deps: Deps) {
  const app = new Hono();
  app.use("/register/*", requireCsrf);

  const sessionOf = (c: Context) => lookupSession(deps, getCookie(c, SESSION_COOKIE));

  const page = (c: Context, locale: Locale, body: unknown, status = 200) =>
    c.html(
      <Layout locale={locale} title={messages(locale).register.title} path="/register" demo={deps.demo}>
        {body as never}
      </Layout>,
      status as 200,
    );

  function SignIn(p: { locale: Locale; csrf: string; error?: AppError }) {
    const t = messages(p.locale).register;
    return (
      <>
        <h1>{t.title}</h1>
        <p>{t.intro}</p>
        {p.error ? (
          <Explanation locale={p.locale} title={t.signIn} detail={errorText(p.error, p.locale, deps.clock.now())} />
        ) : null}
        <form method="post" action="/register/sign-in" data-testid="sign-in">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2>{t.signIn}</h2>
          <label for="login">{t.login}</label>
          <input id="login" name="login" type="email" autocomplete="username" required />
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit">{t.signInButton}</button>
        </form>
        <p>
          <a href="/register/pass" data-testid="pass-link">
            {t.passSignIn}
          </a>
        </p>
      </>
    );
  }

  /** Signing in once with a helpdesk's registration pass instead of a password: its own page, linked from the sign-in. */
  function PassSignIn(p: { locale: Locale; csrf: string; error?: AppError }) {
    const t = messages(p.locale).register;
    return (
      <>
        <h1>{t.title}</h1>
        {p.error ? <Explanation locale={p.locale} title={t.passSignIn} detail={errorText(p.error, p.locale)} /> : null}
        <form method="post" action="/register/sign-in/pass" data-testid="pass-sign-in">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <h2>{t.passSignIn}</h2>
          <p class="hint">{t.passSignInHint}</p>
          <label for="login">{t.login}</label>
          <input id="login" name="login" type="email" autocomplete="username" required />
          <label for="pass">{t.pass}</label>
          <input id="pass" name="pass" type="text" autocomplete="off" spellcheck={false} required maxlength={200} />
          <button type="submit">{t.signInButton}</button>
        </form>
        <p>
          <a href="/register">{t.signIn}</a>
        </p>
      </>
    );
  }

  /**
   * The sign-in again, after a helpdesk's temporary password was right: the person now
   * chooses their own. The temporary password rides along hidden (it is theirs, and on a
   * page that is never cached) so they need not type a long random string twice.
   */
  function ChoosePassword(p: { locale: Locale; csrf: string; login: string; password: string; error?: AppError }) {
    const t = messages(p.locale).register;
    const refused =
      p.error && p.error.code !== "password_change_required"
        ? hasPersonText(p.error.code)
          ? personText(p.error.code, p.locale).explanation
          : errorText(p.error, p.locale)
        : undefined;
    return (
      <>
        <h1>{t.title}</h1>
        <form method="post" action="/register/sign-in" data-testid="choose-password">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="login" value={p.login} />
          <input type="hidden" name="password" value={p.password} />
          <h2>{t.choosePassword}</h2>
          <p>{t.choosePasswordIntro}</p>
          <label for="newPassword">{t.newPassword}</label>
          {refused ? (
            <p class="field-error" id="newPassword-error" data-testid="newPassword-error">
              {refused}
            </p>
          ) : null}
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            required
            maxlength={256}
            autofocus
            aria-invalid={refused ? "true" : undefined}
            aria-describedby={refused ? "newPassword-error" : undefined}
          />
          <button type="submit">{t.choosePasswordButton}</button>
        </form>
      </>
    );
  }

  function Dashboard(p: { locale: Locale; csrf: string; session: SessionUser; notice?: Notice }) {
    const t = messages(p.locale).register;
    const methodNames = messages(p.locale).reset.method;
    const { methods, allowedTypes } = listMethods(deps, p.session);
    const status = registrationFor(deps, p.session, p.locale);
    const q = listSecurityQuestions(deps, p.session, p.locale);
    const csrf = <input type="hidden" name="_csrf" value={p.csrf} />;
    const added = p.notice?.added;
    const typed = p.notice?.typed;
    // A refusal of the typed address or number is shown at the field, not at the top.
    const fieldError =
      p.notice?.error && typed && fieldOf(p.notice.error) === "value" ? errorText(p.notice.error, p.locale) : undefined;
    const days =
      status.lastConfirmedAt && status.reconfirmBy
        ? Math.round((Date.parse(status.reconfirmBy) - Date.parse(status.lastConfirmedAt)) / DAY_MS)
        : 0;
    const statusText = (t.status[status.reason] ?? (() => status.message))(
      status.reason === "reconfirm_overdue" ? days : status.usableMethods.length,
      status.methodsRequired,
    );
    // Every usable method is needed: losing one phone ends self-service reset (catalogue: single_point_of_failure).
    const spof =
      status.reason !== "not_in_scope" &&
      status.usableMethods.length > 0 &&
      status.usableMethods.length === status.methodsRequired
        ? personText("single_point_of_failure", p.locale)
        : undefined;
    return (
      <>
        <h1>{t.title}</h1>
        <p>
          {t.signedInAs(p.session.upn)}{" "}
          <form method="post" action="/register/sign-out" class="inline">
            {csrf}
            <button type="submit" class="secondary">
              {t.signOut}
            </button>
          </form>
        </p>
        <p class={status.due === "none" ? "success" : "notice"} data-testid="due" data-due={status.due}>
          <strong>{statusText}</strong>
        </p>
        {spof ? (
          <div class="notice" data-testid="single-point-of-failure">
            <p>
              <strong>{spof.title}</strong>
            </p>
            <p>{spof.explanation}</p>
          </div>
        ) : null}
        {p.notice?.error && !fieldError ? (
          <Explanation
            locale={p.locale}
            title={messages(p.locale).common.error}
            detail={errorText(p.notice.error, p.locale)}
            diagnosisId={p.notice.error.extra.diagnosisId}
          />
        ) : null}
        {p.notice?.error?.code === "step_up_required" ? (
          <StepUpChoice
            locale={p.locale}
            csrf={p.csrf}
            methods={(p.notice.error.extra.body?.methods as MethodView[] | undefined) ?? []}
          />
        ) : null}
        {p.notice?.stepUp ? <StepUpCode locale={p.locale} csrf={p.csrf} started={p.notice.stepUp} /> : null}
        {p.notice?.steppedUp ? (
          <p class="success" data-testid="stepped-up">
            {steppedUpText(p.locale)}
          </p>
        ) : null}
        {p.notice?.saved ? <p class="success">{t.saved}</p> : null}
        {p.notice?.removed?.warning ? (
          <p class="notice" data-testid="remove-warning">
            {/* The flow's English detail repeats this sentence; the person reads the finding in their words. */}
            <strong>{t.removedWarning}</strong> {personText(p.notice.removed.warning.code, p.locale).title}.{" "}
            {personText(p.notice.removed.warning.code, p.locale).explanation}
          </p>
        ) : null}
        {added?.codeSent ? (
          <p class="notice" data-testid="code-sent">
            {t.codeSentTo(added.codeSent.to)}
          </p>
        ) : null}
        {added?.secret ? (
          <div class="notice app-setup" data-testid="app-secret">
            <p>{t.appScan}</p>
            {p.notice?.qrSvg ? (
              <figure class="qr" role="img" aria-label={t.appQrLabel} data-testid="qr">
                {raw(p.notice.qrSvg)}
              </figure>
            ) : null}
            <details>
              <summary>{t.appManual}</summary>
              <code class="secret">{added.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
            </details>
          </div>
        ) : null}

        <h2>{t.yourMethods}</h2>
        {methods.length === 0 ? <p>{t.none}</p> : null}
        <table>
          <tbody>
            {methods.map((m) => (
              <tr data-method-id={m.id} data-type={m.type}>
                <td>
                  <strong>{methodNames[m.type] ?? m.type}</strong>
                  <br />
                  <span class="mono">
                    {m.value ?? (m.questionsAnswered !== undefined ? t.answeredCount(m.questionsAnswered) : "")}
                  </span>
                </td>
                <td>
                  {m.verified ? t.verified : t.notVerified}
                  {!m.usable ? <small> · {t.notUsable}</small> : null}
                </td>
                <td>
                  {!m.verified ? (
                    <form method="post" action={`/register/methods/${m.id}/verify`}>
                      {csrf}
                      <label for={`code-${m.id}`}>{t.codeLabel}</label>
                      <input
                        id={`code-${m.id}`}
                        name="code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        required
                      />
                      <button type="submit">{t.verify}</button>
                    </form>
                  ) : null}
                  <form method="post" action={`/register/methods/${m.id}/remove`}>
                    {csrf}
                    <button type="submit" class="secondary">
                      {t.remove}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <form method="post" action="/register/methods" data-testid="add-method">
          {csrf}
          <h2>{t.addMethod}</h2>
          <label for="type">{t.type}</label>
          <select id="type" name="type">
            {allowedTypes
              .filter((m) => CONTACT_METHODS.includes(m))
              .map((m) => (
                <option value={m} selected={typed?.type === m}>
                  {methodNames[m] ?? m}
                </option>
              ))}
          </select>
          <label for="value">{t.value}</label>
          {fieldError ? (
            <p class="field-error" id="value-error" data-testid="value-error">
              {fieldError}
            </p>
          ) : null}
          <input
            id="value"
            name="value"
            type="text"
            required
            autocomplete="off"
            value={typed?.value ?? ""}
            autofocus={fieldError ? true : undefined}
            aria-invalid={fieldError ? "true" : undefined}
            aria-describedby={fieldError ? "value-error" : undefined}
          />
          <button type="submit">{t.add}</button>
        </form>
        {allowedTypes.includes("authenticator_code") ? (
          <form method="post" action="/register/methods">
            {csrf}
            <input type="hidden" name="type" value="authenticator_code" />
            <button type="submit" class="secondary">
              {t.addApp}
            </button>
          </form>
        ) : null}

        <form method="post" action="/register/questions" data-testid="questions">
          {csrf}
          <h2>{t.questions}</h2>
          {q.allowed ? (
            <>
              <p class="hint">{t.questionsIntro(q.minAnswers, q.minAnswerLength)}</p>
              {Array.from({ length: q.minAnswers }, (_, i) => (
                <>
                  <label for={`q${i}`}>{t.question(i + 1)}</label>
                  <select id={`q${i}`} name={`q${i}`}>
                    {q.questions.map((x, j) => (
                      <option value={x.id} selected={j === i}>
                        {x.text}
                      </option>
                    ))}
                  </select>
                  <label for={`a${i}`}>{t.answer}</label>
                  <input
                    id={`a${i}`}
                    name={`a${i}`}
                    type="text"
                    required
                    minlength={q.minAnswerLength}
                    autocomplete="off"
                  />
                </>
              ))}
              <button type="submit">{t.saveQuestions}</button>
            </>
          ) : (
            <p>{t.questionsNotAllowed}</p>
          )}
        </form>

        <form method="post" action="/register/confirm">
          {csrf}
          <button type="submit">{t.confirm}</button>
        </form>
      </>
    );
  }

  /** Run an action for the signed-in user and show the dashboard with what it said. */
  const act =
    (run: (c: Context, s: SessionUser, form: Form, locale: Locale) => Promise<Notice>) => async (c: Context) => {
      const locale = pageLocale(c);
      const session = sessionOf(c);
      if (!session) return c.redirect("/register", 303);
      const form = await readForm(c);
      let notice: Notice;
      let status = 200;
      try {
        notice = await run(c, session, form, locale);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        notice = {
          error: err,
          ...(c.req.path === "/register/methods"
            ? { typed: { type: formText(form, "type"), value: formText(form, "value") } }
            : {}),
        };
        status = err.status;
      }
      return page(
        c,
        locale,
        <Dashboard locale={locale} csrf={csrfToken(c)} session={session} notice={notice} />,
        status,
      );
    };
  const ctx = (c: Context, locale: Locale) => ({ ip: ipOf(c), locale });

  app.get("/register", (c) => {
    const locale = pageLocale(c);
    const session = sessionOf(c);
    return page(
      c,
      locale,
      session ? (
        <Dashboard locale={locale} csrf={csrfToken(c)} session={session} />
      ) : (
        <SignIn locale={locale} csrf={csrfToken(c)} />
      ),
    );
  });

  app.post("/register/sign-in", async (c) => {
    const locale = pageLocale(c);
    const form = await readForm(c);
    const login = formText(form, "login").trim();
    const password = formText(form, "password");
    const newPassword = formText(form, "newPassword");
    try {
      const { token } = await signIn(
        deps,
        { login, password, ...(newPassword ? { newPassword } : {}) },
        ctx(c, locale),
      );
      setCookie(c, SESSION_COOKIE, token, { ...sessionCookieOptions(c), maxAge: SESSION_TTL_HOURS * 3600 });
      return c.redirect("/register", 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // The temporary password was right: ask for their own (again, if the one typed was refused).
      if (err.code === "password_change_required" || fieldOf(err) === "newPassword") {
        c.header("cache-control", "no-store");
        return page(
          c,
          locale,
          <ChoosePassword locale={locale} csrf={csrfToken(c)} login={login} password={password} error={err} />,
          err.status,
        );
      }
      return page(c, locale, <SignIn locale={locale} csrf={csrfToken(c)} error={err} />, err.status);
    }
  });

  app.get("/register/pass", (c) => {
    const locale = pageLocale(c);
    return page(c, locale, <PassSignIn locale={locale} csrf={csrfToken(c)} />);
  });

  app.post("/register/sign-in/pass", async (c) => {
    const locale = pageLocale(c);
    const form = await readForm(c);
    try {
      const { token } = await signInWithPass(
        deps,
        { login: formText(form, "login").trim(), pass: formText(form, "pass").trim() },
        ctx(c, locale),
      );
      setCookie(c, SESSION_COOKIE, token, { ...sessionCookieOptions(c), maxAge: SESSION_TTL_HOURS * 3600 });
      return c.redirect("/register", 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return page(c, locale, <PassSignIn locale={locale} csrf={csrfToken(c)} error={err} />, err.status);
    }
  });

  app.post("/register/sign-out", (c) => {
    const session = sessionOf(c);
    if (session) signOut(deps, session, ctx(c, pageLocale(c)));
    deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(c));
    return c.redirect("/register", 303);
  });

  app.post(
    "/register/methods",
    act(async (c, s, form, locale) => {
      const type = formText(form, "type") as Method;
      const value = formText(form, "value");
      const added = await addMethod(deps, s, value ? { type, value } : { type }, ctx(c, locale));
      // Drawn here, on the server: an SVG of paths, no script and no style attribute.
      const qrSvg = added.otpauthUri
        ? await QRCode.toString(added.otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
        : undefined;
      return { added, qrSvg };
    }),
  );
  app.post(
    "/register/methods/:id/verify",
    act(async (c, s, form, locale) => {
      await verifyMethod(deps, s, c.req.param("id")!, formText(form, "code").replace(/\s/g, ""), ctx(c, locale));
      return { saved: true };
    }),
  );
  app.post(
    "/register/methods/:id/remove",
    act(async (c, s, _form, locale) => ({ removed: removeMethod(deps, s, c.req.param("id")!, ctx(c, locale)) })),
  );
  app.post(
    "/register/questions",
    act(async (c, s, form, locale) => {
      const answers = [0, 1, 2, 3, 4]
        .filter((i) => formText(form, `q${i}`))
        .map((i) => ({ questionId: formText(form, `q${i}`), answer: formText(form, `a${i}`) }));
      await setSecurityQuestions(deps, s, answers, ctx(c, locale));
      return { saved: true };
    }),
  );
  app.post(
    "/register/step-up",
    act(async (c, s, form, locale) => ({
      stepUp: await startStepUp(deps, s, formText(form, "methodId"), ctx(c, locale)),
    })),
  );
  app.post(
    "/register/step-up/verify",
    act(async (c, s, form, locale) => {
      await finishStepUp(
        deps,
        s,
        formText(form, "methodId"),
        formText(form, "code").replace(/\s/g, ""),
        ctx(c, locale),
      );
      return { steppedUp: true };
    }),
  );
  app.post(
    "/register/confirm",
    act(async (c, s, _form, locale) => {
      confirmRegistration(deps, s, ctx(c, locale));
      return { saved: true };
    }),
  );
  return app;
}
