/**
 * GET /dev/mailbox and /dev/mailbox.json: the dev mailbox as a page (web/pages/dev-mailbox.tsx) and as JSON,
 * so a person trying the demo (or an end-to-end test) can read the code they were sent.
 * Mounted only in demo mode: it shows live verification codes to anyone who asks.
 */
import { Hono } from "hono";
import type { DevMailbox, DevMessage } from "../../delivery/dev-mailbox";
import { devMailboxPage } from "../../web/pages/dev-mailbox";

/** Messages, newest first, optionally only those for `to` (an address or a number). */
function selected(mailbox: DevMailbox, to: string | undefined): DevMessage[] {
  const wanted = to?.trim();
  return wanted ? mailbox.forRecipient(wanted) : mailbox.list();
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
    return devMailboxPage(c, selected(mailbox, to), to);
  });
  app.get("/dev/mailbox.json", (c) => {
    const to = c.req.query("to")?.trim() || undefined;
    c.header("cache-control", "no-store");
    return c.json({ messages: selected(mailbox, to) });
  });
  return app;
}
