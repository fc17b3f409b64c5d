/**
 * The part of a user's staff page that is about the person rather than the diagnosis:
 * registered methods (values masked: staff confirm a caller's number by its ending,
 * they never need all of it), groups with the nesting path that puts them in scope,
 * licence, recent attempts as one timeline (the flows' attempts and, for admins, the
 * audit's reset steps, newest first) and — for admins, as the audit page is theirs — the
 * audit rows about them.
 */
import type { UserRecord } from "../../flows/user-list";
import type { Locale } from "../../http/request-context";
import { whenText } from "../i18n/human";
import { userListText } from "../i18n/user-list";

type Event = { at: string; what: string; code?: string | null; outcome?: string };

export function UserRecordView(p: { record: UserRecord; userId: string; locale: Locale; now: Date; timeZone: string }) {
  const u = userListText(p.locale);
  const r = p.record;
  const when = (iso: string) => whenText(p.locale, new Date(iso), p.now, p.timeZone);
  const events: Event[] = [
    ...r.attempts.map((a) => ({
      at: a.at,
      what: a.completed ? `reset ${u.completed}` : `reset.${a.stage ?? "?"}${a.method ? ` (${a.method})` : ""}`,
      code: a.error ?? null,
    })),
    ...(r.audit ?? [])
      .filter((e) => e.action.startsWith("reset.") || e.action.startsWith("me."))
      .map((e) => ({ at: e.at, what: e.action, code: e.code, outcome: e.outcome })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <>
      <section aria-labelledby="methods-heading" data-testid="user-methods">
        <h2 id="methods-heading">{u.methods}</h2>
        {r.methods.length ? (
          <ul>
            {r.methods.map((m) => (
              <li data-method={m.type}>
                <code>{m.type}</code>
                {m.masked ? <> {m.masked}</> : null} · {m.verified ? u.verified : u.unverified}
              </li>
            ))}
          </ul>
        ) : (
          <p>{u.noMethods}</p>
        )}
        <p data-testid="user-license">
          {u.license}: <code>{r.license}</code>
        </p>
      </section>
      <section aria-labelledby="groups-heading" data-testid="user-groups">
        <h2 id="groups-heading">{u.groups}</h2>
        {r.groupPaths.length ? (
          <ul>
            {r.groupPaths.map((path) => (
              <li>{path.join(" → ")}</li>
            ))}
          </ul>
        ) : (
          <p>{u.noGroups}</p>
        )}
      </section>
      <section aria-labelledby="timeline-heading" data-testid="user-timeline">
        <h2 id="timeline-heading">{u.timeline}</h2>
        {events.length ? (
          <ol class="timeline">
            {events.map((e) => (
              <li data-outcome={e.outcome}>
                <time datetime={e.at}>{when(e.at)}</time> {e.what}
                {e.code ? <code> {e.code}</code> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{u.nothingYet}</p>
        )}
      </section>
      {r.audit ? (
        <section aria-labelledby="audit-heading" data-testid="user-audit">
          <h2 id="audit-heading">{u.auditRows}</h2>
          {r.audit.length ? (
            <ul>
              {r.audit.map((e) => (
                <li data-action={e.action}>
                  <time datetime={e.at}>{when(e.at)}</time> <code>{e.action}</code> {e.outcome}
                  {e.code ? <code> {e.code}</code> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{u.nothingYet}</p>
          )}
          <p>
            <a href={`/admin/audit?user=${encodeURIComponent(p.userId)}`}>{u.allAudit}</a>
          </p>
        </section>
      ) : null}
    </>
  );
}
