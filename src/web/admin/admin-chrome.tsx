/**
 * What every /admin page shares: the shell (who is signed in, with which role, the
 * staff navigation and the sign-out form), the verdict badge, and the diagnosis as staff
 * see it — every finding whatever its disclosure level, with its evidence as a table,
 * its fixes and its articles. Finding titles and explanations come from the engine in
 * English (with the actual values); a Latvian page shows them in Latvian with the
 * engine's sentence one click away (i18n/staff-findings.ts). Evidence values read as
 * people read them, exact values in their title.
 */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Deps } from "../../deps";
import type { Diagnosis } from "../../diagnosis/findings";
import { roleAtLeast, type Principal } from "../../domain/staff";
import type { AppEnv } from "../../http/auth";
import { csrfToken } from "../csrf";
import { messages, pageLocale, type Locale } from "../i18n/messages";
import type { KnowledgeBase } from "../../knowledge/knowledge-base";
import { EvidenceValue, humanSentence } from "../evidence-value";
import { staffFixTitle, staffText } from "../i18n/staff-findings";
import { Layout } from "../layout";

export type AdminText = ReturnType<typeof messages>["admin"];

/** Render one admin page: locale, principal and CSRF token read from the request once. */
export function adminPage(deps: Deps, c: Context<AppEnv>, title: string, body: Child, status = 200) {
  const locale = pageLocale(c);
  const principal = c.get("principal");
  return c.html(
    <AdminShell
      locale={locale}
      title={title}
      path={c.req.path}
      demo={deps.demo}
      principal={principal}
      csrf={principal ? csrfToken(c) : ""}
    >
      {body}
    </AdminShell>,
    status as 200,
  );
}

export function AdminShell(p: {
  locale: Locale;
  title: string;
  path: string;
  demo: boolean;
  principal?: Principal;
  csrf: string;
  children?: Child;
}) {
  const t = messages(p.locale).admin;
  return (
    <Layout locale={p.locale} title={p.title} path={p.path} demo={p.demo} wide>
      {p.principal ? (
        <div class="staffbar" data-testid="staff-bar">
          <nav aria-label={t.title}>
            <a href="/admin">{t.navUsers}</a>
            {roleAtLeast(p.principal.role, "admin") ? <a href="/admin/audit">{t.navAudit}</a> : null}
            {roleAtLeast(p.principal.role, "admin") ? (
              <a href="/admin/connectors">{p.locale === "lv" ? "Savienotāji" : "Connectors"}</a>
            ) : null}
            {roleAtLeast(p.principal.role, "admin") ? (
              <a href="/admin/incidents">{p.locale === "lv" ? "Incidenti" : "Incidents"}</a>
            ) : null}
          </nav>
          <span data-testid="staff-role" data-role={p.principal.role}>
            {t.signedInAs(p.principal.name, t.role[p.principal.role] ?? p.principal.role)}
          </span>
          <form method="post" action="/admin/sign-out" class="inline">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="secondary">
              {t.signOut}
            </button>
          </form>
        </div>
      ) : null}
      {p.children}
    </Layout>
  );
}

export function VerdictBadge(p: { t: AdminText; verdict: string }) {
  return (
    <span class={`verdict ${p.verdict}`} data-testid="verdict" data-verdict={p.verdict}>
      {p.t.verdict[p.verdict] ?? p.verdict}
    </span>
  );
}

/** A fact value as text: strings as they are, everything else as JSON; absent as an em dash. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** A failure in words, with its status kept for the test and the reader. */
export function ErrorPanel(p: {
  title: string;
  detail: string;
  status?: number;
  code?: string;
  /** 1 when the panel is the page. */ level?: 1 | 2;
}) {
  return (
    <section class="problem" role="alert" data-testid="problem" data-status={p.status} data-code={p.code}>
      {p.level === 1 ? <h1>{p.title}</h1> : <h2>{p.title}</h2>}
      <p>{p.detail}</p>
    </section>
  );
}

/** Verdict, primary blocker, reference id and check count: the diagnosis at a glance. */
export function DiagnosisSummary(p: { t: AdminText; diagnosis: Diagnosis }) {
  const { t, diagnosis: d } = p;
  return (
    <>
      <dl class="facts">
        <dt>{t.verdictLabel}</dt>
        <dd>
          <VerdictBadge t={t} verdict={d.verdict} />
        </dd>
        <dt>{t.primary}</dt>
        <dd>
          <code data-testid="primary">{d.primary ?? t.none}</code>
        </dd>
        <dt>{t.reference}</dt>
        <dd>
          <code data-testid="reference-id">{d.id}</code>
        </dd>
      </dl>
      <p class="meta">{t.checks(d.checks.passed, d.checks.evaluated)}</p>
    </>
  );
}

/**
 * Every finding of a diagnosis. `previewHref` says where a fix's preview lives (for a fix
 * a person must do, the preview is its guidance).
 */
export function FindingsView(p: {
  t: AdminText;
  diagnosis: Diagnosis;
  previewHref?: (fixId: string) => string | undefined;
  /** The reader's language and zone (English, UTC when absent) and the articles in that language. */
  locale?: Locale;
  timeZone?: string;
  kb?: KnowledgeBase;
  /** Whether a fix is worth offering here (a fix whose preview changes nothing is not). */
  offered?: (fixId: string) => boolean;
}) {
  const { t } = p;
  const locale = p.locale ?? "en";
  const timeZone = p.timeZone ?? "UTC";
  if (p.diagnosis.findings.length === 0) return <p class="success">{t.noFindings}</p>;
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t.findings}</h2>
      {p.diagnosis.findings.map((f, i) => {
        const text = staffText(f, locale, p.kb);
        const fixes = p.offered ? f.fixes.filter((x) => p.offered!(x.id)) : f.fixes;
        return (
          <article
            class={`finding-card sev-${f.severity}-card`}
            data-code={f.code}
            data-testid="finding"
            aria-labelledby={`finding-${i}`}
          >
            <h3 id={`finding-${i}`}>
              <span class={`sev sev-${f.severity}`}>{t.severity[f.severity] ?? f.severity}</span> {text.title}
            </h3>
            <p class="meta">
              <code>{f.code}</code> · {t.disclosure}: {t.disclosures[f.disclosure] ?? f.disclosure}
            </p>
            <p>{humanSentence(text.explanation, locale, timeZone)}</p>
            {text.engineExplanation ? (
              <details class="engine-text">
                <summary>{t.engineText}</summary>
                <p lang="en">{text.engineExplanation}</p>
              </details>
            ) : null}
            {f.evidence.length ? (
              <div class="table-scroll">
                <table class="evidence" data-testid="evidence">
                  <caption>{t.evidence}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.fact}</th>
                      <th scope="col">{t.operator}</th>
                      <th scope="col">{t.expected}</th>
                      <th scope="col">{t.actual}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.evidence.map((e) => (
                      <tr>
                        <th scope="row">
                          <code>
                            {e.fact}
                            {e.path ? ` ${e.path}` : ""}
                          </code>
                        </th>
                        <td>
                          <code>{e.operator}</code>
                        </td>
                        <td class="mono">
                          <EvidenceValue value={e.expected} locale={locale} timeZone={timeZone} />
                        </td>
                        <td class="mono" data-testid="actual">
                          <EvidenceValue value={e.actual} locale={locale} timeZone={timeZone} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {fixes.length ? (
              <>
                <h4>{t.fixes}</h4>
                <ul class="fixes">
                  {fixes.map((x) => {
                    const href = p.previewHref?.(x.id);
                    return (
                      <li data-fix={x.id}>
                        <strong>{staffFixTitle(x.id, locale, x.title)}</strong>{" "}
                        <small>
                          ({t.actor}: {t.actors[x.actor] ?? x.actor}; {x.automatic ? t.automatic : t.manual})
                        </small>
                        {href ? (
                          <>
                            {" "}
                            <a
                              class={x.automatic ? "button" : "button secondary"}
                              href={href}
                              data-testid={`preview-${x.id}`}
                            >
                              {x.automatic ? t.preview : t.guidance}
                            </a>
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </>
            ) : null}
            {text.articles.length ? (
              <p class="articles">
                {t.articles}:{" "}
                {text.articles.map((a, j) => (
                  <>
                    {j ? ", " : ""}
                    <a href={a.url}>{a.title}</a>
                  </>
                ))}
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
