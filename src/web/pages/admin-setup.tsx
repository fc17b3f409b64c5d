/**
 * Setting a tenant up from /admin (issue 16 item 1), for admins: the first-run form
 * (when the service has no tenant), and a tenant's set-up page with one form per change
 * — its settings (name, banned words), a group (optionally inside another; renamed or
 * deleted), nesting, a user, a membership — and the CSV upload with its report. The
 * policy step is a link to the versioned editor (admin-policy.tsx): a policy changes one
 * way, with a what-if and a reason. The forms only translate HTTP to the use cases of
 * flows/setup.ts and import/csv/csv-import.ts, which check, write and audit; the API and
 * the CLI call the same ones.
 */
import { Hono, type Context } from "hono";
import { tenantGroupsByName } from "../../db/groups";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import * as setup from "../../flows/setup";
import type { AppEnv } from "../../http/auth";
import { ipOf } from "../../http/request-context";
import { importCsv, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, type CsvImportReport } from "../../import/csv/csv-import";
import { csrfToken } from "../csrf";
import { formText, readForm } from "../form";
import { messages, pageLocale } from "../i18n/messages";
import { setupTexts } from "../i18n/setup";
import { adminPage } from "../admin/admin-chrome";
import { pagePrincipal, requirePageRole } from "../admin/session";
import { adminTenant } from "./admin-tenants";

/** Who changes things through these pages, for the audit row. */
function actorOf(c: Context<AppEnv>): setup.SetupActor {
  const p = pagePrincipal(c);
  return { type: "staff", id: p.tokenId, ip: ipOf(c) ?? null };
}

/** The first-run form, also shown on /admin when there is no tenant. */
export function NewTenantForm(props: { csrf: string; locale: "en" | "lv" }) {
  const s = setupTexts(props.locale);
  return (
    <form method="post" action="/admin/tenants" data-testid="new-tenant">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <label for="tenant-name">{s.tenantName}</label>
      <input id="tenant-name" name="name" required maxlength={200} />
      <label for="tenant-domain">{s.tenantDomain}</label>
      <input id="tenant-domain" name="domain" required maxlength={253} placeholder="contoso.example" />
      <button type="submit">{s.create}</button>
    </form>
  );
}

const checked = (form: Record<string, unknown>, key: string) => formText(form as never, key) === "on";

export function adminSetupPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const ctx = (c: Context<AppEnv>) => ({ db: deps.db, now: deps.clock.now(), actor: actorOf(c) });

  app.post("/admin/tenants", async (c) => {
    const t = messages(pageLocale(c)).admin;
    requirePageRole(c, "admin", t.needsRole(t.role.admin ?? "admin"));
    const form = await readForm(c);
    const tenant = setup.createTenant(ctx(c), { name: formText(form, "name"), domain: formText(form, "domain") });
    return c.redirect(`/admin/tenants/${encodeURIComponent(tenant.id)}/setup`, 303);
  });

  app.get("/admin/tenants/:id/setup", (c) => {
    const locale = pageLocale(c);
    const s = setupTexts(locale);
    const tenant = adminTenant(deps, c);
    const csrf = csrfToken(c);
    const settings = setup.tenantSettings(deps.db, tenant);
    const groups = tenantGroupsByName(deps.db, tenant.id);
    const base = `/admin/tenants/${encodeURIComponent(tenant.id)}`;
    const hidden = <input type="hidden" name="_csrf" value={csrf} />;
    const groupOptions = (selected: string[] = []) =>
      groups.map((g) => (
        <option value={g.id} selected={selected.includes(g.id)}>
          {g.name}
        </option>
      ));
    const box = (name: string, label: string, on: boolean) => (
      <label>
        <input type="checkbox" name={name} checked={on} /> {label}
      </label>
    );
    return adminPage(
      deps,
      c,
      s.setupOf(tenant.name),
      <>
        <h1>{s.setupOf(tenant.name)}</h1>
        <p class="meta">{tenant.domain}</p>
        {c.req.query("saved") ? (
          <p role="status" data-testid="saved">
            {s.saved}
          </p>
        ) : null}

        <form method="post" action={`${base}/settings`} data-testid="settings">
          <h2>{s.settings}</h2>
          {hidden}
          <label for="rename-name">{s.tenantName}</label>
          <input id="rename-name" name="name" value={tenant.name} required maxlength={200} />
          <label for="bannedWords">{s.bannedWords}</label>
          <textarea id="bannedWords" name="bannedWords" rows={3}>
            {settings.bannedWords.join("\n")}
          </textarea>
          <button type="submit">{s.save}</button>
        </form>

        <section data-testid="policy">
          <h2>{s.policy}</h2>
          <p>{s.policyIntro}</p>
          <p>
            <a href={`${base}/policy`}>{s.openEditor}</a>
          </p>
        </section>

        <div class="grid">
          <form method="post" action={`${base}/groups`} data-testid="new-group">
            <h2>{s.groups}</h2>
            {hidden}
            <label for="group-name">{s.groupName}</label>
            <input id="group-name" name="name" required maxlength={200} />
            <label for="group-parent">{s.parentGroup}</label>
            <select id="group-parent" name="parentId">
              <option value="">{s.none}</option>
              {groupOptions()}
            </select>
            <button type="submit">{s.create}</button>
          </form>
          {groups.length ? (
            <ul data-testid="groups">
              {groups.map((g) => {
                const at = `${base}/groups/${encodeURIComponent(g.id)}`;
                return (
                  <li data-group={g.name}>
                    <form method="post" action={at} class="inline">
                      {hidden}
                      <label for={`name-${g.id}`} class="visually-hidden">
                        {s.newName(g.name)}
                      </label>
                      <input id={`name-${g.id}`} name="name" value={g.name} required maxlength={200} />
                      <button type="submit">{s.renameGroup}</button>
                    </form>
                    <form method="post" action={`${at}/delete`} class="inline">
                      {hidden}
                      <button type="submit" class="link">
                        {s.delete}
                      </button>
                    </form>
                  </li>
                );
              })}
            </ul>
          ) : null}
          <form method="post" action={`${base}/nesting`} data-testid="nest">
            <h2>{s.nest}</h2>
            {hidden}
            <label for="nest-parent">{s.parent}</label>
            <select id="nest-parent" name="parentId" required>
              {groupOptions()}
            </select>
            <label for="nest-child">{s.child}</label>
            <select id="nest-child" name="childId" required>
              {groupOptions()}
            </select>
            <button type="submit" name="intent" value="nest">
              {s.save}
            </button>
            <button type="submit" name="intent" value="unnest">
              {s.takeOut}
            </button>
          </form>
        </div>

        <div class="grid">
          <form method="post" action={`${base}/users`} data-testid="user">
            <h2>{s.user}</h2>
            {hidden}
            <label for="upn">{s.upn}</label>
            <input id="upn" name="upn" type="email" required maxlength={254} placeholder={`ada@${tenant.domain}`} />
            <label for="displayName">{s.displayName}</label>
            <input id="displayName" name="displayName" required maxlength={200} />
            <label for="type">{s.type}</label>
            <select id="type" name="type">
              <option value="member">member</option>
              <option value="guest">guest</option>
            </select>
            <label for="source">{s.source}</label>
            <select id="source" name="source">
              <option value="cloud">cloud</option>
              <option value="synced">synced</option>
            </select>
            {box("enabled", s.enabled, true)}
            <label for="roles">{s.roles}</label>
            <input id="roles" name="roles" maxlength={500} placeholder="helpdesk_admin" />
            <label for="license">{s.license}</label>
            <select id="license" name="license">
              {(["p1", "p2", "basic", "free", "none"] as const).map((l) => (
                <option value={l}>{l}</option>
              ))}
            </select>
            <button type="submit">{s.save}</button>
          </form>
          <form method="post" action={`${base}/members`} data-testid="member">
            <h2>{s.membership}</h2>
            {hidden}
            <label for="member-upn">{s.upn}</label>
            <input id="member-upn" name="upn" type="email" required maxlength={254} />
            <label for="member-group">{s.group}</label>
            <select id="member-group" name="groupId" required>
              {groupOptions()}
            </select>
            <button type="submit" name="intent" value="add">
              {s.add}
            </button>
            <button type="submit" name="intent" value="remove">
              {s.remove}
            </button>
          </form>
        </div>

        <form method="post" action={`${base}/import`} enctype="multipart/form-data" data-testid="csv-import">
          <h2>{s.importTitle}</h2>
          <p class="hint">{s.importIntro}</p>
          {hidden}
          <label for="csv-file">{s.file}</label>
          <input id="csv-file" name="file" type="file" accept=".csv,text/csv" required />
          {box("dryRun", s.dryRun, true)}
          <button type="submit">{s.import}</button>
        </form>
      </>,
    );
  });

  /** A change saved: back to the set-up page, which says so. */
  const saved = (c: Context<AppEnv>, id: string) =>
    c.redirect(`/admin/tenants/${encodeURIComponent(id)}/setup?saved=1`, 303);

  app.post("/admin/tenants/:id/settings", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    setup.updateTenant(ctx(c), tenant, {
      name: formText(form, "name"),
      bannedWords: formText(form, "bannedWords")
        .split(/\r?\n/)
        .map((w) => w.trim())
        .filter(Boolean),
    });
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/groups", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    setup.createGroup(ctx(c), tenant, {
      name: formText(form, "name"),
      parentId: formText(form, "parentId") || undefined,
    });
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/groups/:groupId", async (c) => {
    const tenant = adminTenant(deps, c);
    setup.renameGroup(ctx(c), tenant, c.req.param("groupId"), { name: formText(await readForm(c), "name") });
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/groups/:groupId/delete", (c) => {
    const tenant = adminTenant(deps, c);
    setup.deleteGroup(ctx(c), tenant, c.req.param("groupId"));
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/nesting", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    const [parentId, childId] = [formText(form, "parentId"), formText(form, "childId")];
    if (formText(form, "intent") === "unnest") setup.unnestGroups(ctx(c), tenant, parentId, childId);
    else setup.nestGroups(ctx(c), tenant, parentId, childId);
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/users", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    setup.saveUser(ctx(c), tenant, {
      upn: formText(form, "upn"),
      displayName: formText(form, "displayName"),
      type: formText(form, "type") || undefined,
      source: formText(form, "source") || undefined,
      enabled: checked(form, "enabled"),
      roles: formText(form, "roles")
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean),
      license: formText(form, "license") || undefined,
    });
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/members", async (c) => {
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    const user = setup.tenantUser(deps.db, tenant, formText(form, "upn"));
    if (formText(form, "intent") === "remove") setup.removeMember(ctx(c), tenant, formText(form, "groupId"), user.id);
    else setup.addMember(ctx(c), tenant, formText(form, "groupId"), user.id);
    return saved(c, tenant.id);
  });

  app.post("/admin/tenants/:id/import", async (c) => {
    const locale = pageLocale(c);
    const s = setupTexts(locale);
    const tenant = adminTenant(deps, c);
    const form = await readForm(c);
    const file = form.file;
    if (!(file instanceof File) || file.size === 0 || file.size > MAX_UPLOAD_BYTES)
      throw new AppError(400, "invalid_request", s.noFile, { field: "file" });
    const report = importCsv(deps.db, tenant, await file.text(), {
      dryRun: checked(form, "dryRun"),
      now: deps.clock.now(),
      actor: actorOf(c),
      file: file.name,
      maxRows: MAX_UPLOAD_ROWS,
    });
    return adminPage(
      deps,
      c,
      s.reportTitle,
      <ImportReport report={report} locale={locale} back={`/admin/tenants/${encodeURIComponent(tenant.id)}/setup`} />,
      report.rejected.length ? 422 : 200,
    );
  });

  return app;
}

function ImportReport(props: { report: CsvImportReport; locale: "en" | "lv"; back: string }) {
  const s = setupTexts(props.locale);
  const r = props.report;
  return (
    <>
      <h1>{s.reportTitle}</h1>
      <p role="status" data-testid="import-outcome">
        {r.rejected.length
          ? s.refused(r.rejected.length)
          : r.dryRun
            ? s.dryRunDone
            : r.written
              ? s.written
              : s.noChanges}
      </p>
      {r.rejected.length ? (
        <table data-testid="rejected">
          <thead>
            <tr>
              <th scope="col">{s.row}</th>
              <th scope="col">{s.column}</th>
              <th scope="col">{s.reason}</th>
            </tr>
          </thead>
          <tbody>
            {r.rejected.map((x) => (
              <tr>
                <td>{x.row}</td>
                <td>{x.column}</td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p data-testid="import-counts">
          {s.counts({
            rows: r.rows,
            created: r.usersCreated.length,
            updated: r.usersUpdated.length,
            groups: r.groupsCreated.length,
            members: r.membershipsAdded,
            same: r.unchanged,
          })}
        </p>
      )}
      <p>
        <a href={props.back}>{s.back}</a>
      </p>
    </>
  );
}
