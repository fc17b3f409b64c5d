/**
 * /admin/imports: the tenants brought in from Microsoft Graph — when, from what, what the
 * import could not tell and what it changed — and, per imported user, the diagnosis with
 * each fact's source and read time ("Graph userRegistrationDetails, 2026-11-24 09:00"), the
 * facts no source gave, and the audit events behind estimated attempts and blocks.
 * English only for now: the strings join the i18n tables when the page settles.
 */
import { Hono } from "hono";
import { importedAuditOf, listImports, type ImportRecord } from "../../db/imports";
import { snapshotForUser } from "../../db/snapshots";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { openTenant } from "../../flows/diagnosis";
import { requireCsrf } from "../csrf";
import { messages, pageLocale } from "../i18n/messages";
import { adminPage, DiagnosisSummary, FindingsView } from "../admin/admin-chrome";
import { requirePageRole, requireStaffPage } from "../admin/session";

/** "2026-11-24T09:00:00.000Z" → "2026-11-24 09:00" (UTC), as staff read it. */
export const shortTime = (iso: string) => iso.replace("T", " ").slice(0, 16);

function ChangesCell(p: { r: ImportRecord }) {
  const ch = p.r.changes;
  if (ch.firstImport) return <>first import</>;
  const parts = [
    ch.users.added && `${ch.users.added} users added`,
    ch.users.removed && `${ch.users.removed} removed`,
    ch.users.changed && `${ch.users.changed} changed`,
    ch.groups.added + ch.groups.removed && `groups +${ch.groups.added} −${ch.groups.removed}`,
    ch.policy.length && `policy: ${ch.policy.map((x) => x.field).join(", ")}`,
  ].filter(Boolean);
  return <>{parts.length ? parts.join("; ") : "no changes"}</>;
}

export function adminImportPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use("/admin/imports", requireStaffPage(deps), requireCsrf);
  app.use("/admin/imports/*", requireStaffPage(deps), requireCsrf);

  app.get("/admin/imports", (c) => {
    const t = messages(pageLocale(c)).admin;
    requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
    const imports = listImports(deps.db);
    return adminPage(
      deps,
      c,
      "Imported tenants",
      <>
        <h1>Imported tenants</h1>
        <p class="meta">
          Tenants read from Microsoft Graph (npm run import:entra). Facts Graph cannot tell come from the settings file;
          what neither gave is listed as unknown, and the diagnosis says it cannot tell rather than guess.
        </p>
        <form method="get" action="/admin/imports/user" data-testid="evidence-lookup">
          <label for="login">Evidence for a user (upn or id)</label>
          <input id="login" name="login" required maxlength={256} />
          <button type="submit">Show sources</button>
        </form>
        {imports.length === 0 ? (
          <p data-testid="no-imports">No imports yet.</p>
        ) : (
          <table data-testid="imports">
            <thead>
              <tr>
                <th>tenant</th>
                <th>from</th>
                <th>captured</th>
                <th>imported</th>
                <th>users</th>
                <th>unknown for everyone</th>
                <th>unknown per user</th>
                <th>changes</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((r) => {
                const tenant = openTenant(deps, r.tenantId);
                return (
                  <tr data-import={r.id}>
                    <td>
                      {tenant ? (
                        <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}`}>{tenant.name}</a>
                      ) : (
                        r.tenantId
                      )}
                    </td>
                    <td>
                      {r.source} <code>{r.origin}</code>
                    </td>
                    <td>{shortTime(r.capturedAt)}</td>
                    <td>{shortTime(r.importedAt)}</td>
                    <td>{r.counts.users ?? 0}</td>
                    <td>
                      {r.unknown.tenant
                        .map((p) => <code>{p}</code>)
                        .reduce<unknown[]>((acc, el) => (acc.length ? [...acc, ", ", el] : [el]), [])}
                    </td>
                    <td>
                      {Object.entries(r.unknown.users)
                        .sort((a, b) => b[1] - a[1])
                        .map(([p, n]) => `${p} (${n})`)
                        .join(", ")}
                    </td>
                    <td>
                      <ChangesCell r={r} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  // The look-up form sends ?login=; go to the user's own address.
  app.get("/admin/imports/user", (c) =>
    c.redirect(`/admin/imports/users/${encodeURIComponent((c.req.query("login") ?? "").trim())}`, 303),
  );

  app.get("/admin/imports/users/:id", async (c) => {
    const t = messages(pageLocale(c)).admin;
    requirePageRole(c, "support", t.needsRole(t.role.support ?? "support"));
    const id = c.req.param("id");
    const loaded = snapshotForUser(deps.db, deps.clock.now(), id);
    if (!loaded) throw new AppError(404, "user_not_found", t.userNotFound(id));
    const diagnosis = await deps.diagnoser.diagnose(loaded.snapshot);
    const facts = Object.entries(loaded.snapshot.provenance?.facts ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const unknown = loaded.snapshot.unknown ?? [];
    const audit = importedAuditOf(deps.db, loaded.userId);
    return adminPage(
      deps,
      c,
      `Evidence for ${loaded.upn}`,
      <>
        <h1>Evidence for {loaded.upn}</h1>
        <DiagnosisSummary t={t} diagnosis={diagnosis} />
        <h2>Where each fact came from</h2>
        <table data-testid="sources">
          <thead>
            <tr>
              <th>fact</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {facts.map(([path, f]) => (
              <tr>
                <td>
                  <code>{path}</code>
                </td>
                <td>
                  {f.source}, {shortTime(f.readAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>What no source could tell</h2>
        {unknown.length ? (
          <ul data-testid="unknown">
            {unknown.map((p) => (
              <li>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p>Nothing: every fact the rules read came from a source.</p>
        )}
        {audit.attempt || audit.block ? (
          <>
            <h2>From the sign-in audit (estimates)</h2>
            <ul data-testid="audit-estimates">
              {audit.attempt ? (
                <li>
                  Last failed step, {shortTime(audit.attempt.at)}: {audit.attempt.activity} — stage{" "}
                  {audit.attempt.stage}
                  {audit.attempt.reason ? <> — “{audit.attempt.reason}”</> : null}
                  {audit.attempt.error ? <> → {audit.attempt.error}</> : null}
                </li>
              ) : null}
              {audit.block ? (
                <li>
                  Blocked until {shortTime(audit.block.blockedUntil)} (24 h after “Blocked from self-service password
                  reset”: {audit.block.reason})
                </li>
              ) : null}
            </ul>
          </>
        ) : null}
        <FindingsView t={t} diagnosis={diagnosis} />
      </>,
    );
  });

  return app;
}
