/**
 * /admin/users: every user with their standing verdict, primary finding, tenant and last
 * attempt, filtered and paged; and bulk fixes from the list's current filter — preview
 * (a dry run per user, nothing written), apply with a required reason (each user audited
 * with it), and a refreshable progress page that ends in the summary. The filter travels
 * in the query (and in hidden fields of the apply form), so what was previewed is what
 * is applied to.
 */
import { Hono } from "hono";
import type { Deps } from "../../deps";
import { FINDING_CODES, isFindingCode } from "../../domain/catalogue";
import { roleAtLeast } from "../../domain/staff";
import { AppError } from "../../errors";
import { bulkFixes, bulkJob, bulkPreview, startBulkFix } from "../../flows/bulk-fix";
import { listUsers, type UserFilter } from "../../flows/user-list";
import { operatorOf, type AppEnv } from "../../http/auth";
import { ipOf } from "../../http/request-context";
import { csrfToken } from "../csrf";
import { formText, readForm } from "../form";
import { whenText } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { staffFixTitle } from "../i18n/staff-findings";
import { setupTexts } from "../i18n/setup";
import { userListText } from "../i18n/user-list";
import { pageTimeZone } from "../time-zone";
import { adminPage, VerdictBadge } from "../admin/admin-chrome";
import { pagePrincipal } from "../admin/session";
import { ChangesTable } from "./admin-fixes";

const PAGE = 50;
const FILTER_KEYS = ["tenant", "verdict", "finding", "group", "admin", "source", "q"] as const;
const VERDICTS = ["blocked", "at_risk", "can_reset"] as const;

/** The filter from query or form fields; unknown values are ignored rather than refused (a stale link still lists). */
function filterOf(get: (key: string) => string | undefined): UserFilter {
  const v = (k: string) => get(k)?.trim() || undefined;
  const verdict = v("verdict");
  const finding = v("finding");
  const admin = v("admin");
  const source = v("source");
  return {
    ...(v("tenant") ? { tenant: v("tenant")! } : {}),
    ...(verdict && (VERDICTS as readonly string[]).includes(verdict)
      ? { verdict: verdict as UserFilter["verdict"] }
      : {}),
    ...(finding && isFindingCode(finding) ? { finding } : {}),
    ...(v("group") ? { group: v("group")! } : {}),
    ...(admin === "yes" ? { admin: true } : admin === "no" ? { admin: false } : {}),
    ...(source === "cloud" || source === "synced" ? { source } : {}),
    ...(v("q") ? { q: v("q")!.slice(0, 200) } : {}),
  };
}

/** The filter as query fields (admin as yes/no, as the form sends it). */
function filterFields(f: UserFilter): [string, string][] {
  const out: [string, string][] = [];
  for (const k of FILTER_KEYS) {
    const value = f[k];
    if (value === undefined) continue;
    out.push([k, k === "admin" ? (value ? "yes" : "no") : String(value)]);
  }
  return out;
}
const query = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

export function adminUserListPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/admin/users", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    const u = userListText(locale);
    const filter = filterOf((k) => c.req.query(k));
    const offset = Math.max(0, Number.parseInt(c.req.query("offset") ?? "0", 10) || 0);
    const list = listUsers(deps, filter, { offset, limit: PAGE });
    const now = deps.clock.now();
    // Editing a user is set-up, which is for admins; lower roles see no link they could not follow.
    const edit = roleAtLeast(pagePrincipal(c).role, "admin") ? setupTexts(locale).edit : undefined;
    const zone = pageTimeZone(c);
    const base = filterFields(filter);
    const sel = (a: string | undefined, b: string) => a === b;
    return adminPage(
      deps,
      c,
      u.usersTitle,
      <>
        <h1>{u.usersTitle}</h1>
        <form method="get" action="/admin/users" role="search" data-testid="user-filters">
          <h2>{u.filters}</h2>
          <div class="grid">
            <label>
              {u.search} <input name="q" type="search" value={filter.q ?? ""} maxlength={200} />
            </label>
            <label>
              {u.verdict}{" "}
              <select name="verdict">
                <option value="">{u.any}</option>
                {VERDICTS.map((x) => (
                  <option value={x} selected={sel(filter.verdict, x)}>
                    {t.verdict[x] ?? x}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {u.finding}{" "}
              <select name="finding">
                <option value="">{u.any}</option>
                {FINDING_CODES.map((x) => (
                  <option value={x} selected={sel(filter.finding, x)}>
                    {x}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {u.group}{" "}
              <select name="group">
                <option value="">{u.any}</option>
                {list.groups.map((g) => (
                  <option value={g.id} selected={sel(filter.group, g.id)}>
                    {g.name} ({g.tenant})
                  </option>
                ))}
              </select>
            </label>
            <label>
              {u.admin}{" "}
              <select name="admin">
                <option value="">{u.any}</option>
                <option value="yes" selected={filter.admin === true}>
                  {u.yes}
                </option>
                <option value="no" selected={filter.admin === false}>
                  {u.no}
                </option>
              </select>
            </label>
            <label>
              {u.source}{" "}
              <select name="source">
                <option value="">{u.any}</option>
                <option value="cloud" selected={sel(filter.source, "cloud")}>
                  {u.cloud}
                </option>
                <option value="synced" selected={sel(filter.source, "synced")}>
                  {u.synced}
                </option>
              </select>
            </label>
            {filter.tenant ? <input type="hidden" name="tenant" value={filter.tenant} /> : null}
          </div>
          <button type="submit">{u.apply}</button>
        </form>
        <p class="meta" data-testid="user-count" data-total={list.total}>
          {u.count(list.rows.length, list.total)}
        </p>
        {list.rows.length ? (
          <table data-testid="user-list">
            <thead>
              <tr>
                <th scope="col">{u.user}</th>
                <th scope="col">{u.verdict}</th>
                <th scope="col">{u.primary}</th>
                <th scope="col">{u.tenant}</th>
                <th scope="col">{u.lastAttempt}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr data-upn={r.upn} data-verdict={r.verdict}>
                  <th scope="row">
                    <a href={`/admin/users/${encodeURIComponent(r.id)}`}>{r.upn}</a> <small>{r.displayName}</small>
                    {edit ? (
                      <>
                        {" "}
                        <a
                          href={`/admin/tenants/${encodeURIComponent(r.tenant.id)}/users/edit?upn=${encodeURIComponent(r.upn)}`}
                          data-testid="edit-user"
                        >
                          {edit}
                        </a>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <VerdictBadge t={t} verdict={r.verdict} />
                  </td>
                  <td>{r.primary ? <code>{r.primary}</code> : "—"}</td>
                  <td>{r.tenant.domain}</td>
                  <td data-testid="last-attempt">
                    {r.lastAttempt ? (
                      <>
                        <time datetime={r.lastAttempt.at}>
                          {whenText(locale, new Date(r.lastAttempt.at), now, zone)}
                        </time>{" "}
                        {r.lastAttempt.error ? (
                          <code>{r.lastAttempt.error}</code>
                        ) : r.lastAttempt.completed ? (
                          u.completed
                        ) : (
                          r.lastAttempt.stage
                        )}
                      </>
                    ) : (
                      u.noAttempt
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{u.noUsers}</p>
        )}
        <p>
          {offset > 0 ? (
            <a href={`/admin/users?${query([...base, ["offset", String(Math.max(0, offset - PAGE))]])}`}>
              {u.previous}
            </a>
          ) : null}{" "}
          {list.nextOffset !== undefined ? (
            <a href={`/admin/users?${query([...base, ["offset", String(list.nextOffset)]])}`} rel="next">
              {u.next}
            </a>
          ) : null}
        </p>
        <form method="get" action="/admin/users/bulk" data-testid="bulk-form">
          <h2>{u.bulkTitle}</h2>
          {base.map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <label for="bulk-fix">{u.chooseFix}</label>
          <select id="bulk-fix" name="fix">
            {bulkFixes().map((f) => (
              <option value={f.id}>{staffFixTitle(f.id, locale, f.title)}</option>
            ))}
          </select>
          <button type="submit">{u.preview}</button>
        </form>
      </>,
    );
  });

  app.get("/admin/users/bulk", (c) => {
    const locale = pageLocale(c);
    const t = messages(locale).admin;
    const u = userListText(locale);
    const filter = filterOf((k) => c.req.query(k));
    const fixId = c.req.query("fix") ?? "";
    const operator = operatorOf(c);
    const p = bulkPreview(deps, operator, fixId, filter);
    const fix = bulkFixes().find((f) => f.id === fixId)!;
    return adminPage(
      deps,
      c,
      u.bulkPreviewTitle,
      <>
        <h1>
          {u.bulkPreviewTitle}: {staffFixTitle(fix.id, locale, fix.title)}
        </h1>
        <p class="notice" data-testid="preview-only">
          {u.nothingChanged} {u.previewShown(p.users.length, p.total)}
        </p>
        <table data-testid="bulk-preview">
          <thead>
            <tr>
              <th scope="col">{u.user}</th>
              <th scope="col">{u.wouldClear}</th>
              <th scope="col">{u.changes}</th>
            </tr>
          </thead>
          <tbody>
            {p.users.map(({ row, preview, error }) => (
              <tr data-upn={row.upn} data-applicable={String(Boolean(preview?.applicable))}>
                <th scope="row">{row.upn}</th>
                <td>
                  {preview?.applicable ? (
                    preview.present.map((code) => (
                      <>
                        <code>{code}</code>{" "}
                      </>
                    ))
                  ) : (
                    <span>
                      {u.notApplicable}
                      {error ? <code> {error}</code> : null}
                    </span>
                  )}
                </td>
                <td>
                  {preview?.applicable ? <ChangesTable t={t} changes={preview.changes} caption={row.upn} /> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {operator.role === "support" ? (
          <p class="hint" data-testid="why-not">
            {u.supportCannotApply}
          </p>
        ) : (
          <form method="post" action="/admin/users/bulk" data-testid="bulk-apply-form">
            <input type="hidden" name="_csrf" value={csrfToken(c)} />
            <input type="hidden" name="fix" value={fix.id} />
            {filterFields(filter).map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
            <label for="reason">{u.reason}</label>
            <input id="reason" name="reason" type="text" required maxlength={500} />
            <button type="submit">{u.applyAll}</button>
          </form>
        )}
        <p>
          <a href={`/admin/users?${query(filterFields(filter))}`}>{u.usersTitle}</a>
        </p>
      </>,
    );
  });

  app.post("/admin/users/bulk", async (c) => {
    const form = await readForm(c);
    const filter = filterOf((k) => formText(form, k) || undefined);
    // Said here in the reader's language; the flow refuses a blank reason too (for any other caller).
    if (!formText(form, "reason").trim())
      throw new AppError(400, "invalid_request", userListText(pageLocale(c)).reasonRequired, { field: "reason" });
    const job = startBulkFix(deps, operatorOf(c), formText(form, "fix"), filter, formText(form, "reason"), {
      ip: ipOf(c),
    });
    return c.redirect(`/admin/users/bulk/${encodeURIComponent(job.id)}`, 303);
  });

  app.get("/admin/users/bulk/:job", (c) => {
    const locale = pageLocale(c);
    const u = userListText(locale);
    const job = bulkJob(deps, c.req.param("job"), operatorOf(c));
    if (!job) throw new AppError(404, "not_found", u.jobNotFound);
    if (!job.finished) c.header("refresh", "2");
    const now = deps.clock.now();
    const zone = pageTimeZone(c);
    const when = (iso: string) => <time datetime={iso}>{whenText(locale, new Date(iso), now, zone)}</time>;
    return adminPage(
      deps,
      c,
      u.progressTitle,
      <>
        <h1>{u.progressTitle}</h1>
        <p
          data-testid="bulk-progress"
          data-done={job.done}
          data-total={job.total}
          data-finished={String(job.finished)}
          data-status={job.status}
          aria-live="polite"
        >
          <progress max={job.total} value={job.done} /> {u.progress(job.done, job.total)} ·{" "}
          {job.status === "running" ? u.running : job.status === "finished" ? u.finished : u.interrupted}
        </p>
        <p
          data-testid="bulk-summary"
          data-applied={job.applied}
          data-skipped={job.notApplicable}
          data-failed={job.failed}
        >
          {u.applied}: {job.applied} · {u.notApplicable}: {job.notApplicable} · {u.failed}: {job.failed}
        </p>
        <p class="meta">
          {staffFixTitle(job.fix, locale, job.fix)} · {u.startedBy(job.operatorName)} {when(job.startedAt)}
          {job.finishedAt ? (
            <>
              {" "}
              · {job.status === "interrupted" ? u.interruptedAt : u.finishedAt} {when(job.finishedAt)}
            </>
          ) : null}
        </p>
        <p>
          {u.reason}: {job.reason}
        </p>
        {job.status === "interrupted" ? (
          <p class="notice" data-testid="bulk-interrupted">
            {u.interruptedHint}{" "}
            <a href={`/admin/users/bulk?${query([...filterFields(job.filter), ["fix", job.fix]])}`}>{u.runAgain}</a>
          </p>
        ) : null}
        <ul>
          {job.users.map((x) => (
            <li data-upn={x.upn} data-outcome={x.outcome}>
              {x.upn}: {x.outcome === "applied" ? u.applied : x.outcome === "skipped" ? u.notApplicable : u.failed}
              {x.code ? <code> {x.code}</code> : null}
            </li>
          ))}
        </ul>
        <p>
          <a href="/admin/users">{u.usersTitle}</a>
        </p>
      </>,
    );
  });
  return app;
}
