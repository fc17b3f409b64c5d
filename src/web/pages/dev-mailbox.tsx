/**
 * The dev mailbox page (demo mode only): the codes and notices "sent" while no SMTP relay
 * or SMS provider is configured, in the site's layout and language, newest first,
 * filterable by recipient, with the way back to the reset or registration the person
 * came from. Text is rendered as text (hono/jsx escapes it): a message is whatever a
 * flow put in it.
 */
import type { Context } from "hono";
import type { DevMessage } from "../../delivery/dev-mailbox";
import { counted, dateTime } from "../i18n/human";
import { messages, pageLocale } from "../i18n/messages";
import { Layout } from "../layout";
import { pageTimeZone } from "../time-zone";

/**
 * @example return devMailboxPage(c, mailbox.list(), undefined);
 */
export function devMailboxPage(c: Context, list: DevMessage[], to: string | undefined) {
  const locale = pageLocale(c);
  const t = messages(locale).mailbox;
  const zone = pageTimeZone(c);
  const n = counted(locale, list.length, t.messageForms);
  return c.html(
    <Layout locale={locale} title={t.title} path="/dev/mailbox" demo={true}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="ways-on">
        <a href="/reset" data-testid="back-to-reset">
          {t.backToReset}
        </a>{" "}
        · <a href="/register">{t.backToRegister}</a>
      </p>
      <form method="get" action="/dev/mailbox" class="kb-search">
        <label for="to">{t.recipient}</label>
        <input id="to" name="to" type="search" value={to ?? ""} placeholder={t.recipientHint} />
        <button type="submit">{t.filter}</button> {to ? <a href="/dev/mailbox">{t.showAll}</a> : null}
      </form>
      {list.length === 0 ? (
        <p data-testid="empty">{to ? t.noneFor(to) : t.none}</p>
      ) : (
        <div class="table-scroll">
          <table data-testid="mailbox">
            <caption>{to ? t.captionFor(n, to) : t.caption(n)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.channel}</th>
                <th scope="col">{t.to}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.time}</th>
                <th scope="col">{t.text}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr>
                  <td>{m.channel}</td>
                  <td>{m.to}</td>
                  <td>{m.subject ?? ""}</td>
                  <td>
                    <time datetime={m.at}>{dateTime(locale, new Date(m.at), zone)}</time>
                  </td>
                  <td>
                    <pre class="message">{m.text}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
  );
}
