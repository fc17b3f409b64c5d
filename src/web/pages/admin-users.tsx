/**
 * A user's diagnosis for staff: `/admin/users/:id` diagnoses the stored state now (and
 * keeps the result under a new reference id, as the API does), and
 * `/admin/diagnoses/:id` opens a diagnosis someone quoted — what support does when a
 * person reads out the reference id the reset page gave them. A fix is offered for a
 * finding only when its dry run would change something: offering "require one method"
 * where the tenant already requires one only sends staff to "Nothing to change".
 */
import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { loadDiagnosis, storeDiagnosis } from "../../db/diagnoses";
import { users } from "../../db/schema";
import { snapshotForUser } from "../../db/snapshots";
import type { Deps } from "../../deps";
import { AppError } from "../../errors";
import type { AppEnv } from "../../http/auth";
import { newReferenceId } from "../../diagnosis/reference-id";
import { findTenant } from "../../tenants";
import type { Diagnosis } from "../../diagnosis/findings";
import { FIXES, isFixId } from "../../domain/catalogue";
import { previewFix } from "../../fixes/preview";
import { messages, pageLocale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";
import { dateTime } from "../i18n/human";
import { pagePrincipal } from "./admin-session";
import { adminPage, DiagnosisSummary, FindingsView } from "./admin-chrome";
import { fixPreviewHref } from "./admin-fixes";

/** Reference ids as newReferenceId makes them; anything else is not looked up. */
const REFERENCE_ID = /^D-[0-9A-Z]{10}$/;

export function adminUserPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  /**
   * The automatic fixes of a diagnosis whose dry run for this user changes nothing and
   * sends nothing; a preview that cannot run (a refusal) still offers its explanation.
   */
  const noOpFixes = (c: Context<AppEnv>, userId: string, diagnosis: Diagnosis): Set<string> => {
    const p = pagePrincipal(c);
    const ids = new Set(diagnosis.findings.flatMap((f) => f.fixes.map((x) => x.id)).filter((id) => isFixId(id) && FIXES[id].automatic));
    const none = new Set<string>();
    for (const id of ids) {
      try {
        const preview = previewFix(deps, { id: p.tokenId, name: p.name, role: p.role }, id, { user: userId });
        if (preview.applicable && preview.changes.length === 0 && !preview.messages?.length) none.add(id);
      } catch {
        // Leave it offered: its preview page shows why it cannot run.
      }
    }
    return none;
  };
  /** How every finding view on these pages reads: the reader's language and zone, offered fixes only. */
  const view = (c: Context<AppEnv>, userId: string | undefined, diagnosis: Diagnosis) => {
    const none = userId ? noOpFixes(c, userId, diagnosis) : new Set<string>();
    return { locale: pageLocale(c), timeZone: pageTimeZone(c), kb: deps.kb, offered: (id: string) => !none.has(id) };
  };

  app.get("/admin/users/:id", async (c) => {
    const t = messages(pageLocale(c)).admin;
    const id = c.req.param("id");
    const now = deps.clock.now();
    const loaded = snapshotForUser(deps.db, now, id);
    if (!loaded) throw new AppError(404, "user_not_found", t.userNotFound(id));
    const diagnosis = await deps.diagnoser.diagnose(loaded.snapshot, { id: newReferenceId(deps.random) });
    storeDiagnosis(deps.db, now, diagnosis, { tenantId: loaded.tenantId, userId: loaded.userId });
    const tenant = findTenant(deps.db, loaded.tenantId);
    const displayName = deps.db.select({ name: users.displayName }).from(users).where(eq(users.id, loaded.userId)).get()?.name;
    return adminPage(
      deps,
      c,
      t.diagnosisOf(loaded.upn),
      <>
        <h1>{t.diagnosisOf(loaded.upn)}</h1>
        <p class="meta">
          {displayName} · <code>{loaded.userId}</code>
          {tenant ? <> · <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}`}>{tenant.name}</a></> : null}
        </p>
        <DiagnosisSummary t={t} diagnosis={diagnosis} />
        <FindingsView t={t} diagnosis={diagnosis} previewHref={(fix) => fixPreviewHref(loaded.userId, fix)} {...view(c, loaded.userId, diagnosis)} />
      </>,
    );
  });

  // The look-up form on /admin sends ?id=; normalise it and go to the diagnosis's own address.
  app.get("/admin/diagnoses", (c) => {
    const id = (c.req.query("id") ?? "").trim().toUpperCase();
    return c.redirect(`/admin/diagnoses/${encodeURIComponent(id)}`, 303);
  });

  app.get("/admin/diagnoses/:id", (c) => {
    const t = messages(pageLocale(c)).admin;
    const id = c.req.param("id").trim().toUpperCase();
    const stored = REFERENCE_ID.test(id) ? loadDiagnosis(deps.db, id) : undefined;
    if (!stored) throw new AppError(404, "diagnosis_not_found", t.diagnosisNotFound(id));
    const user = stored.userId ? deps.db.select({ id: users.id, upn: users.upn }).from(users).where(eq(users.id, stored.userId)).get() : undefined;
    const d = stored.diagnosis;
    return adminPage(
      deps,
      c,
      t.storedDiagnosis(d.id),
      <>
        <h1>{t.storedDiagnosis(d.id)}</h1>
        <p class="meta">
          {t.storedAt}: <time datetime={stored.createdAt}>{dateTime(pageLocale(c), new Date(stored.createdAt), pageTimeZone(c))}</time>
          {user ? (
            <>
              {" · "}
              <a href={`/admin/users/${encodeURIComponent(user.id)}`} data-testid="diagnose-again">{user.upn}: {t.diagnoseAgain}</a>
            </>
          ) : null}
        </p>
        <DiagnosisSummary t={t} diagnosis={d} />
        <FindingsView t={t} diagnosis={d} previewHref={user ? (fix) => fixPreviewHref(user.id, fix) : undefined} {...view(c, undefined, d)} />
      </>,
    );
  });
  return app;
}
