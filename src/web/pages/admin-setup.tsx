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
import type { UserFields } from "../../db/setup";
import type { TenantRef } from "../../db/tenants";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import * as setup from "../../flows/setup";
import type { AppEnv } from "../../http/auth";
import { ipOf } from "../../http/request-context";
import { importCsv, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, type CsvImportReport } from "../../import/csv/csv-import";
import { csrfToken } from "../csrf";
import { formText, readForm, type Form } from "../form";
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

/** What the user form shows: the stored user when editing, or what was typed when the form comes back refused. */
type UserValues = Partial<Omit<UserFields, "roles">> & { roles?: string };
/** A refusal shown beside its field; `editHref` when the sign-in name is an existing user's. */
type FieldError = { field: string; message: string; status: number; editHref?: string };

const LICENSES = ["p1", "p2", "basic", "free", "none"] as const;

/**
 * The user form: "add" starts blank and refuses an existing sign-in name; "edit" is
 * pre-filled from the stored user, so sending every field it shows changes only what
 * the admin changed.
 */
function UserForm(p: {
  locale: "en" | "lv";
  action: string;
  csrf: string;
  domain: string;
  edit: boolean;
  values?: UserValues;
  error?: FieldError;
}) {
  const s = setupTexts(p.locale);
  const v = p.values ?? {};
  const err = (field: string) =>
    p.error?.field === field ? { "aria-invalid": "true", "aria-describedby": `user-${field}-error` } : {};
  const errorOf = (field: string) =>
    p.error?.field === field ? (
      <p class="field-error" id={`user-${field}-error`} data-field={field}>
        {p.error.message}
        {p.error.editHref ? (
          <>
            {" "}
            <a href={p.error.editHref}>{s.editIt}</a>
          </>
        ) : null}
      </p>
    ) : null;
  const option = (value: string, selected: string | undefined) => (
    <option value={value} selected={value === selected}>
      {value}
    </option>
  );
  return (
    <form method="post" action={p.action} data-testid={p.edit ? "user-edit" : "user"}>
      <h2>{p.edit ? s.editUser(v.upn ?? "") : s.user}</h2>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <input type="hidden" name="intent" value={p.edit ? "edit" : "add"} />
      <label for="upn">{s.upn}</label>
      {p.edit ? (
        <input id="upn" name="upn" type="email" value={v.upn} readonly />
      ) : (
        <input
          id="upn"
          name="upn"
          type="email"
          required
          maxlength={254}
          placeholder={`ada@${p.domain}`}
          value={v.upn ?? ""}
          {...err("upn")}
        />
      )}
      {errorOf("upn")}
      <label for="displayName">{s.displayName}</label>
      <input
        id="displayName"
        name="displayName"
        required
        maxlength={200}
        value={v.displayName ?? ""}
        {...err("displayName")}
      />
      {errorOf("displayName")}
      <label for="type">{s.type}</label>
      <select id="type" name="type" {...err("type")}>
        {option("member", v.type)}
        {option("guest", v.type)}
      </select>
      {errorOf("type")}
      <label for="source">{s.source}</label>
      <select id="source" name="source" {...err("source")}>
        {option("cloud", v.source)}
        {option("synced", v.source)}
      </select>
      {errorOf("source")}
      <label>
        <input type="checkbox" name="enabled" checked={v.enabled ?? true} /> {s.enabled}
      </label>
      <label for="roles">{s.roles}</label>
      <input
        id="roles"
        name="roles"
        maxlength={500}
        placeholder="helpdesk_admin"
        value={v.roles ?? ""}
        {...err("roles")}
      />
      {errorOf("roles")}
      <label for="license">{s.license}</label>
      <select id="license" name="license" {...err("license")}>
        {LICENSES.map((l) => option(l, v.license))}
      </select>
      {errorOf("license")}
      <button type="submit">{s.save}</button>
    </form>
  );
}

/** The user form's fields as typed, for saveUser and for showing the form again. */
function userFromForm(form: Form) {
  return {
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
  };
}

/** What was typed, back into the form (a refused value is shown as sent, for the admin to correct). */
function valuesOf(form: Form): UserValues {
  return {
    upn: formText(form, "upn"),
    displayName: formText(form, "displayName"),
    type: formText(form, "type") as UserValues["type"],
    source: formText(form, "source") as UserValues["source"],
    enabled: checked(form, "enabled"),
    roles: formText(form, "roles"),
    license: formText(form, "license") as UserValues["license"],
  };
}

const USER_FORM_FIELDS = new Set(["upn", "displayName", "type", "source", "roles", "license"]);

/**
 * A refusal of the user flow that names a field the form shows becomes an inline error
 * beside it (`roles.1` is the roles box); anything else stays an error page.
 */
function fieldErrorOf(e: unknown): FieldError | undefined {
  const field = e instanceof AppError ? e.extra.field?.split(".")[0] : undefined;
  if (!(e instanceof AppError) || !field || !USER_FORM_FIELDS.has(field) || e.status >= 500) return undefined;
  return { field, message: e.detail, status: e.status };
}

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

  const usersBase = (tenant: TenantRef) => `/admin/tenants/${encodeURIComponent(tenant.id)}/users`;
  const editHref = (tenant: TenantRef, upn: string) => `${usersBase(tenant)}/edit?upn=${encodeURIComponent(upn)}`;

  /** The set-up page; the add-a-user form comes back with what was typed and its refusal. */
  const setupPage = (c: Context<AppEnv>, tenant: TenantRef, user?: { values: UserValues; error: FieldError }) => {
    const locale = pageLocale(c);
    const s = setupTexts(locale);
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
          <UserForm
            locale={locale}
            action={usersBase(tenant)}
            csrf={csrf}
            domain={tenant.domain}
            edit={false}
            values={user?.values}
            error={user?.error}
          />
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
      user?.error.status ?? 200,
    );
  };

  app.get("/admin/tenants/:id/setup", (c) => setupPage(c, adminTenant(deps, c)));

  /** The edit form of one user, pre-filled from the stored user (or from what was typed, when it comes back refused). */
  const editPage = (c: Context<AppEnv>, tenant: TenantRef, values: UserValues, error?: FieldError) => {
    const locale = pageLocale(c);
    const s = setupTexts(locale);
    return adminPage(
      deps,
      c,
      s.editUser(values.upn ?? ""),
      <>
        <UserForm
          locale={locale}
          action={usersBase(tenant)}
          csrf={csrfToken(c)}
          domain={tenant.domain}
          edit
          values={values}
          error={error}
        />
        <p>
          <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}/setup`}>{s.back}</a>
        </p>
      </>,
      error?.status ?? 200,
    );
  };

  app.get("/admin/tenants/:id/users/edit", (c) => {
    const tenant = adminTenant(deps, c);
    const u = setup.tenantUser(deps.db, tenant, c.req.query("upn") ?? "");
    return editPage(c, tenant, { ...u, roles: u.roles.join(", ") });
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
    const input = userFromForm(form);
    if (formText(form, "intent") === "edit") {
      // The sign-in name is the stored user's: an edit never creates a user.
      const stored = setup.tenantUser(deps.db, tenant, input.upn);
      try {
        setup.saveUser(ctx(c), tenant, { ...input, upn: stored.upn });
      } catch (e) {
        const error = fieldErrorOf(e);
        if (!error) throw e;
        return editPage(c, tenant, { ...valuesOf(form), upn: stored.upn }, error);
      }
      return saved(c, tenant.id);
    }
    // A blank form sends every field; on an existing user that would silently reset what it does not show.
    const existing = setup.findTenantUser(deps.db, tenant, input.upn);
    if (existing) {
      const s = setupTexts(pageLocale(c));
      const error = { field: "upn", message: s.exists, status: 409, editHref: editHref(tenant, existing.upn) };
      return setupPage(c, tenant, { values: valuesOf(form), error });
    }
    try {
      setup.saveUser(ctx(c), tenant, input);
    } catch (e) {
      const error = fieldErrorOf(e);
      if (!error) throw e;
      return setupPage(c, tenant, { values: valuesOf(form), error });
    }
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
