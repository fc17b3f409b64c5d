/**
 * A fix, previewed and applied by staff from a user's diagnosis. The preview is the fixes
 * module's dry run (`previewFix`): the exact changes before → after, for a tenant-wide fix
 * how many users' verdicts it would change, the messages it would send, or — for a fix a
 * person must do — the guidance. Apply (`applyFix`) writes in one transaction, re-diagnoses
 * and shows the verdict before and after. Who may apply what is decided there, not here
 * (support previews only; helpdesk applies helpdesk fixes to non-admins; admin all):
 * the page shows the button only when the module says the role may, and a refusal from
 * apply is shown like any other failure.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { Diagnosis } from "../../diagnosis/findings";
import { AppError } from "../../errors";
import { operatorOf, type AppEnv } from "../../http/auth";
import { ipOf } from "../../http/request-context";
import { applyFix } from "../../fixes/apply";
import type { Change, Guidance } from "../../fixes/definition";
import type { Impact } from "../../fixes/impact";
import { paramsFromPairs } from "../../fixes/params";
import { previewFix } from "../../fixes/preview";
import { csrfToken } from "../csrf";
import { readForm } from "../form";
import { messages, pageLocale } from "../i18n/messages";
import { staffFixTitle } from "../i18n/staff-findings";
import { whenText } from "../i18n/human";
import { pageTimeZone } from "../time-zone";
import { adminPage, ErrorPanel, formatValue, VerdictBadge, type AdminText } from "../admin/admin-chrome";
import { pagePrincipal } from "../admin/session";

/** Where a fix's preview (or, for a fix a person does, its guidance) lives for a user. */
export function fixPreviewHref(userId: string, fixId: string): string {
  return `/admin/users/${encodeURIComponent(userId)}/fixes/${encodeURIComponent(fixId)}`;
}

const PARAM_PREFIX = "param.";

/**
 * Parameters typed into the page (`param.<name>` fields, blank = let the fix choose) in
 * the fixes module's own `key=value` text form, so they parse exactly as the API's.
 */
function paramsOf(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const pairs = Object.entries(fields)
    .filter(([k, v]) => k.startsWith(PARAM_PREFIX) && typeof v === "string" && v.trim() !== "")
    .map(([k, v]) => `${k.slice(PARAM_PREFIX.length)}=${(v as string).trim()}`);
  if (!pairs.length) return undefined;
  const parsed = paramsFromPairs(pairs);
  if (!parsed.ok)
    throw new AppError(400, "invalid_request", `${parsed.field}: ${parsed.message}`, { field: parsed.field });
  return parsed.params;
}

export function ChangesTable(p: { t: AdminText; changes: Change[]; caption: string }) {
  if (!p.changes.length) return <p>{p.t.noChanges}</p>;
  return (
    <table class="changes" data-testid="changes">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{p.t.what}</th>
          <th scope="col">{p.t.before}</th>
          <th scope="col">{p.t.after}</th>
        </tr>
      </thead>
      <tbody>
        {p.changes.map((ch) => (
          <tr data-entity={ch.entity} data-field={ch.field}>
            <th scope="row">{`${ch.entity} ${ch.key} · ${ch.field}`}</th>
            <td>{formatValue(ch.before)}</td>
            <td>{formatValue(ch.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GuidanceView(p: { t: AdminText; guidance: Guidance; when: (iso: string) => string }) {
  const { t, guidance: g } = p;
  return (
    <section class="notice" aria-labelledby="guidance-heading" data-testid="guidance" data-kind={g.kind}>
      <h2 id="guidance-heading">{t.guidance}</h2>
      {g.kind === "wait" ? (
        <p>{g.until && g.minutesLeft !== null ? t.waitUntil(p.when(g.until)) : t.notWaiting}</p>
      ) : null}
      {g.kind === "wait" && g.reasons.length ? (
        <ul>
          {g.reasons.map((r) => (
            <li>
              <code>{r.code}</code>: {r.why}
            </li>
          ))}
        </ul>
      ) : null}
      {g.kind === "runbook" ? (
        <p>
          {t.runnableWhen}: {g.runnableWhen}
        </p>
      ) : null}
      <h3>{t.steps}</h3>
      <ol>
        {g.kind === "runbook"
          ? g.steps.map((s) => (
              <li>
                {s.action}
                {s.command ? (
                  <>
                    {" "}
                    <code>{s.command}</code>
                  </>
                ) : null}
              </li>
            ))
          : g.steps.map((s) => <li>{s}</li>)}
      </ol>
      {g.kind === "user_step" ? (
        <p>
          <a href={g.url}>{g.url}</a>
        </p>
      ) : null}
      {g.kind === "runbook" && g.verify.length ? (
        <>
          <h3>{t.verifySteps}</h3>
          <ul>
            {g.verify.map((v) => (
              <li>{v}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** A tenant-wide fix's reach: verdicts it changes, and users per addressed finding before → after. */
function ImpactView(p: { t: AdminText; impact: Impact }) {
  const { t, impact: i } = p;
  const codes = Object.entries(i.findings);
  return (
    <section
      class="notice"
      aria-labelledby="impact-heading"
      data-testid="impact"
      data-changed={i.unblocked + i.newlyBlocked}
    >
      <h2 id="impact-heading">{t.tenantWide(i.users)}</h2>
      <p class="totals">
        <strong>{t.unblocked(i.unblocked)}</strong> · <strong>{t.newlyBlocked(i.newlyBlocked)}</strong>
      </p>
      {codes.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.code}</th>
              <th scope="col">{t.before}</th>
              <th scope="col">{t.after}</th>
            </tr>
          </thead>
          <tbody>
            {codes.map(([code, n]) => (
              <tr data-code={code}>
                <th scope="row">
                  <code>{code}</code>
                </th>
                <td>{n?.before}</td>
                <td>{n?.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {i.unblockedUsers.length ? (
        <p>
          {t.unblockedUsers}: {i.unblockedUsers.join(", ")}
        </p>
      ) : null}
      {i.newlyBlockedUsers.length ? (
        <p>
          {t.newlyBlockedUsers}: {i.newlyBlockedUsers.join(", ")}
        </p>
      ) : null}
    </section>
  );
}

/** Which of the fix's findings left: the proof, finding by finding. */
function Proof(p: { t: AdminText; addresses: readonly string[]; before: Diagnosis; after: Diagnosis }) {
  const had = p.before.findings.map((f) => f.code).filter((code) => p.addresses.includes(code));
  const still = new Set(p.after.findings.map((f) => f.code));
  return (
    <ul class="proof">
      {had.map((code) =>
        still.has(code) ? (
          <li data-remains={code} class="sev-blocker">
            {p.t.findingRemains(code)}
          </li>
        ) : (
          <li data-gone={code} class="delta-down">
            {p.t.findingGone(code)}
          </li>
        ),
      )}
    </ul>
  );
}

export function adminFixPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/users/:id/fixes/:fix", (c) => {
    const t = messages(pageLocale(c)).admin;
    const userId = c.req.param("id");
    const fixId = c.req.param("fix");
    const params = paramsOf(c.req.query());
    const p = previewFix(deps, operatorOf(c), fixId, { user: userId, ...(params ? { params } : {}) });
    const self = fixPreviewHref(userId, fixId);
    const names = Object.keys(p.fix.params);
    // Say why it cannot be applied once: "nothing to change" and "none present" are already on the page.
    const repeats = !p.applicable || (p.changes.length === 0 && !p.guidance && pagePrincipal(c).role !== "support");
    const fixTitle = staffFixTitle(p.fix.id, pageLocale(c), p.fix.title);
    return adminPage(
      deps,
      c,
      t.previewTitle(fixTitle),
      <>
        <h1>{t.previewTitle(fixTitle)}</h1>
        <p class="meta">
          <code>{p.fix.id}</code> · {t.actor}: {t.actors[p.fix.actor] ?? p.fix.actor} ·{" "}
          {t.previewFor(p.target.user?.upn ?? p.target.tenant.domain)}
        </p>
        {p.present.length ? (
          <p>
            {t.present}:{" "}
            {p.present.map((code, i) => (
              <>
                {i ? ", " : ""}
                <code>{code}</code>
              </>
            ))}
          </p>
        ) : (
          <p>{t.notPresent}</p>
        )}
        {p.guidance ? (
          <GuidanceView
            t={t}
            guidance={p.guidance}
            when={(iso) => whenText(pageLocale(c), new Date(iso), deps.clock.now(), pageTimeZone(c))}
          />
        ) : (
          <ChangesTable t={t} changes={p.changes} caption={t.changes} />
        )}
        {p.impact ? <ImpactView t={t} impact={p.impact} /> : null}
        {p.messages?.length ? (
          <section aria-labelledby="messages-heading">
            <h2 id="messages-heading">{t.messagesSent}</h2>
            {p.messages.map((m) => (
              <div class="notice">
                <p>
                  <strong>{t.messageTo(m.to)}</strong>: {m.subject}
                </p>
                <pre class="mono">{m.text}</pre>
              </div>
            ))}
          </section>
        ) : null}
        {names.length && !p.guidance ? (
          <form method="get" action={self}>
            <h2>{t.params}</h2>
            <p class="hint">{t.paramsHint}</p>
            {names.map((name) => (
              <>
                <label for={`param-${name}`}>
                  <code>{name}</code> <small>{p.fix.params[name]}</small>
                </label>
                <input
                  id={`param-${name}`}
                  name={`${PARAM_PREFIX}${name}`}
                  type="text"
                  value={params?.[name] === undefined ? "" : String(params[name])}
                  placeholder={p.params?.[name] === undefined ? "" : formatValue(p.params[name])}
                />
              </>
            ))}
            <button type="submit" class="secondary">
              {t.previewAgain}
            </button>
          </form>
        ) : null}
        {p.mayApply ? (
          <form method="post" action={self} data-testid="apply-form">
            <input type="hidden" name="_csrf" value={csrfToken(c)} />
            {params
              ? Object.entries(params).map(([k, v]) => (
                  <input
                    type="hidden"
                    name={`${PARAM_PREFIX}${k}`}
                    value={Array.isArray(v) ? v.join(",") : String(v)}
                  />
                ))
              : null}
            <label for="reason">
              {t.fixReason} <small>{t.fixReasonHint}</small>
            </label>
            <input id="reason" name="reason" type="text" required maxlength={500} autocomplete="off" />
            <button type="submit">{t.apply}</button>
          </form>
        ) : p.fix.automatic && p.whyNot && !repeats ? (
          <p class="hint" data-testid="why-not">
            {pagePrincipal(c).role === "support" ? t.applyNeedsRole : p.whyNot}
          </p>
        ) : null}
        <p>
          <a href={`/admin/users/${encodeURIComponent(userId)}`}>{t.backToUser}</a>
        </p>
      </>,
    );
  });

  app.post("/admin/users/:id/fixes/:fix", async (c) => {
    const t = messages(pageLocale(c)).admin;
    const userId = c.req.param("id");
    const fixId = c.req.param("fix");
    const back = (
      <p>
        <a href={`/admin/users/${encodeURIComponent(userId)}`}>{t.backToUser}</a>
      </p>
    );
    try {
      const form = await readForm(c);
      const params = paramsOf(form);
      const reason = typeof form.reason === "string" ? form.reason.trim().slice(0, 500) : "";
      if (!reason) throw new AppError(400, "invalid_request", t.fixReasonMissing, { field: "reason" });
      const r = await applyFix(
        deps,
        operatorOf(c),
        fixId,
        { user: userId, reason, ...(params ? { params } : {}) },
        { ip: ipOf(c) },
      );
      return adminPage(
        deps,
        c,
        t.appliedTitle,
        <>
          <section class="success" data-testid="applied" aria-labelledby="applied-heading">
            <h1 id="applied-heading">
              {t.appliedTitle}: {r.fix.title}
            </h1>
            <p>
              {t.verdictBefore}:{" "}
              <span data-testid="verdict-before" data-verdict={r.before.verdict}>
                <VerdictBadge t={t} verdict={r.before.verdict} />
              </span>
              {" → "}
              {t.verdictAfter}:{" "}
              <span data-testid="verdict-after" data-verdict={r.after.verdict}>
                <VerdictBadge t={t} verdict={r.after.verdict} />
              </span>
            </p>
            <Proof t={t} addresses={r.fix.addresses} before={r.before} after={r.after} />
            {r.tenant ? <p>{t.tenantCleared(r.tenant.cleared, r.tenant.users)}</p> : null}
            {r.delivered?.length ? (
              <p>
                {t.delivered}: {r.delivered.join(", ")}
              </p>
            ) : null}
          </section>
          <ChangesTable t={t} changes={r.changes} caption={t.changed} />
          <p>
            {t.afterDiagnosis}:{" "}
            <a href={`/admin/diagnoses/${r.after.id}`}>
              <code>{r.after.id}</code>
            </a>
          </p>
          {back}
        </>,
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // A refusal or a failed proof is an answer, not a crash: say what happened, keep the way back.
      const body = err.extra.body as
        { before?: Diagnosis; after?: Diagnosis; stillPresent?: string[]; fix?: { addresses: string[] } } | undefined;
      return adminPage(
        deps,
        c,
        t.fixFailed,
        <>
          <ErrorPanel title={t.fixFailed} detail={err.detail} status={err.status} code={err.code} level={1} />
          {body?.before && body.after ? (
            <p>
              {t.verdictBefore}: <VerdictBadge t={t} verdict={body.before.verdict} /> {" → "} {t.verdictAfter}:{" "}
              <VerdictBadge t={t} verdict={body.after.verdict} />
            </p>
          ) : null}
          {body?.stillPresent?.length ? (
            <p>
              {t.stillPresent}:{" "}
              {body.stillPresent.map((code, i) => (
                <>
                  {i ? ", " : ""}
                  <code>{code}</code>
                </>
              ))}
            </p>
          ) : null}
          {back}
        </>,
        err.status,
      );
    }
  });
  return app;
}
