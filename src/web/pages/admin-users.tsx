/**
 * A user's diagnosis for staff: `/admin/users/:id` diagnoses the stored state now (and
 * keeps the result under a new reference id, as the API does), and
 * `/admin/diagnoses/:id` opens a diagnosis someone quoted — what support does when a
 * person reads out the reference id the reset page gave them. A fix is offered for a
 * finding only when its dry run would change something: offering "require one method"
 * where the tenant already requires one only sends staff to "Nothing to change".
 */
import { Hono, type Context } from "hono";
import type { Deps } from "../../deps";
import { FIXES, isFixId } from "../../domain/catalogue";
import type { Diagnosis } from "../../domain/diagnosis";
import { AppError } from "../../errors";
import { previewFix } from "../../fixes/preview";
import { diagnoseUser, openDiagnosis } from "../../flows/diagnosis";
import { operatorOf, type AppEnv } from "../../http/auth";
import { pagePrincipal } from "../admin/session";
import { dateTime } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { pageTimeZone } from "../time-zone";
import { adminPage, DiagnosisSummary, FindingsView } from "../admin/admin-chrome";
import { fixPreviewHref } from "./admin-fixes";
import { UserRecordView } from "./admin-user-record";
import { userRecord } from "../../flows/user-list";
import { roleAtLeast } from "../../domain/staff";
import { csrfToken } from "../csrf";
import { HelpdeskActions, helpdeskDeskFor } from "../admin/helpdesk-actions";
import { helpdeskText } from "../i18n/helpdesk";

/** Reference ids as newReferenceId makes them; anything else is not looked up. */
const REFERENCE_ID = /^D-[0-9A-Z]{10}$/;

export function adminUserPages(deps: Deps) {
  const app = new Hono<AppEnv>();

  /**
   * The automatic fixes of a diagnosis whose dry run for this user changes nothing and
   * sends nothing; a preview that cannot run (a refusal) still offers its explanation.
   */
  const noOpFixes = (c: Context<AppEnv>, userId: string, diagnosis: Diagnosis): Set<string> => {
    const ids = new Set(
      diagnosis.findings.flatMap((f) => f.fixes.map((x) => x.id)).filter((id) => isFixId(id) && FIXES[id].automatic),
    );
    const none = new Set<string>();
    for (const id of ids) {
      try {
        const preview = previewFix(deps, operatorOf(c), id, { user: userId });
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
    const diagnosed = await diagnoseUser(deps, id);
    if (!diagnosed) throw new AppError(404, "user_not_found", t.userNotFound(id));
    const { diagnosis, subject } = diagnosed;
    const tenant = subject.tenant;
    return adminPage(
      deps,
      c,
      t.diagnosisOf(subject.upn),
      <>
        <h1>{t.diagnosisOf(subject.upn)}</h1>
        <p class="meta">
          {subject.displayName} · <code>{subject.id}</code>
          {tenant ? (
            <>
              {" "}
              · <a href={`/admin/tenants/${encodeURIComponent(tenant.id)}`}>{tenant.name}</a>
            </>
          ) : null}
          {" · "}
          <a href="#helpdesk-heading">{helpdeskText(pageLocale(c)).title}</a>
        </p>
        <DiagnosisSummary t={t} diagnosis={diagnosis} />
        <FindingsView
          t={t}
          diagnosis={diagnosis}
          previewHref={(fix) => fixPreviewHref(subject.id, fix)}
          {...view(c, subject.id, diagnosis)}
        />
        <UserRecordView
          record={userRecord(deps, subject.id, { audit: roleAtLeast(pagePrincipal(c).role, "admin") })}
          userId={subject.id}
          locale={pageLocale(c)}
          now={deps.clock.now()}
          timeZone={pageTimeZone(c)}
        />
        <HelpdeskActions locale={pageLocale(c)} csrf={csrfToken(c)} desk={helpdeskDeskFor(deps, c, subject.id)} />
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
    const stored = REFERENCE_ID.test(id) ? openDiagnosis(deps, id) : undefined;
    if (!stored) throw new AppError(404, "diagnosis_not_found", t.diagnosisNotFound(id));
    const user = stored.user;
    const d = stored.diagnosis;
    return adminPage(
      deps,
      c,
      t.storedDiagnosis(d.id),
      <>
        <h1>{t.storedDiagnosis(d.id)}</h1>
        <p class="meta">
          {t.storedAt}:{" "}
          <time datetime={stored.storedAt}>{dateTime(pageLocale(c), new Date(stored.storedAt), pageTimeZone(c))}</time>
          {user ? (
            <>
              {" · "}
              <a href={`/admin/users/${encodeURIComponent(user.id)}`} data-testid="diagnose-again">
                {user.upn}: {t.diagnoseAgain}
              </a>
            </>
          ) : null}
        </p>
        <DiagnosisSummary t={t} diagnosis={d} />
        <FindingsView
          t={t}
          diagnosis={d}
          previewHref={user ? (fix) => fixPreviewHref(user.id, fix) : undefined}
          {...view(c, undefined, d)}
        />
      </>,
    );
  });
  return app;
}
