/**
 * GET /dev/mailbox and /dev/mailbox.json: the dev mailbox as a plain page and as JSON,
 * so a person trying the demo (or an end-to-end test) can read the code they were sent.
 * Mounted only in demo mode: it shows live verification codes to anyone who asks.
 */
import { Hono } from "hono";
import { html } from "hono/html";
import type { DevMailbox, DevMessage } from "../../delivery/dev-mailbox";

/** Messages, newest first, optionally only those for `to` (an address or a number). */
function selected(mailbox: DevMailbox, to: string | undefined): DevMessage[] {
  const wanted = to?.trim();
  return wanted ? mailbox.forRecipient(wanted) : mailbox.list();
}

/** Every interpolation in `html` is escaped: message text is whatever a flow put in it. */
function page(messages: DevMessage[], to: string | undefined) {
  const rows = messages.map(
    (m) => html`<tr>
        <td>${m.channel}</td>
        <td>${m.to}</td>
        <td>${m.subject ?? ""}</td>
        <td><time datetime="${m.at}">${m.at}</time></td>
        <td><pre>${m.text}</pre></td>
      </tr>`,
  );
  const caption = to ? html`${messages.length} message(s) for ${to}, newest first` : html`${messages.length} message(s), newest first`;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>Dev mailbox — SSPR Doctor</title>
  </head>
  <body>
    <main>
      <h1>Dev mailbox</h1>
      <p>Codes and notices sent while no SMTP relay or SMS provider is configured. Kept in memory only; the oldest are dropped after 500.</p>
      <form method="get" action="/dev/mailbox">
        <label for="to">Recipient</label>
        <input id="to" name="to" type="search" value="${to ?? ""}" placeholder="an address or a phone number">
        <button type="submit">Filter</button>
        ${to ? html`<a href="/dev/mailbox">Show all</a>` : ""}
      </form>
      ${messages.length === 0
        ? html`<p>No messages${to ? html` for ${to}` : ""} yet.</p>`
        : html`<table>
        <caption>${caption}</caption>
        <thead>
          <tr><th scope="col">Channel</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Time (UTC)</th><th scope="col">Text</th></tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`}
    </main>
  </body>
</html>`;
}

/**
 * The dev mailbox routes, to mount at the app's root in demo mode.
 *
 * @example
 * if (deps.demo) app.route("/", devMailboxRoutes(mailbox)); // GET /dev/mailbox?to=alex@home.example
 */
export function devMailboxRoutes(mailbox: DevMailbox) {
  const app = new Hono();
  app.get("/dev/mailbox", (c) => {
    const to = c.req.query("to")?.trim() || undefined;
    // Live codes: never cached by the browser or anything in between.
    c.header("cache-control", "no-store");
    return c.html(page(selected(mailbox, to), to));
  });
  app.get("/dev/mailbox.json", (c) => {
    const to = c.req.query("to")?.trim() || undefined;
    c.header("cache-control", "no-store");
    return c.json({ messages: selected(mailbox, to) });
  });
  return app;
}
