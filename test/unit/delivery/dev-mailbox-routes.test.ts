/**
 * The dev mailbox page and JSON: newest first, filtered by `to`, and every message
 * escaped — a code mail is text from our flows, but the page must not trust it.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { devMailbox } from "../../../src/delivery/dev-mailbox";
import { devSms } from "../../../src/delivery/sms";
import { devMailboxRoutes } from "../../../src/http/routes/dev-mailbox";

async function filled() {
  const clock = fixedClock("2026-11-24T09:30:00.000Z");
  const mailbox = devMailbox(clock);
  await mailbox.send({ to: "alex@home.example", subject: "Your code", text: "Your code is 12345678", kind: "code" });
  clock.advance(60_000);
  await devSms(mailbox).send({ to: "+37120000001", text: "Your code is 654321", channel: "sms" });
  clock.advance(60_000);
  await mailbox.send({
    to: "mallory@home.example",
    subject: `<img src=x onerror="alert(1)">`,
    text: "<script>alert('x')</script> & more",
    kind: "notice",
  });
  return { mailbox, app: devMailboxRoutes(mailbox) };
}

describe("devMailboxRoutes", () => {
  describe("GET /dev/mailbox", () => {
    it("answers an HTML page with a table of messages, newest first", async () => {
      const { app } = await filled();
      const res = await app.request("/dev/mailbox");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = await res.text();
      expect(body).toMatch(/^<!doctype html>/);
      expect(body).toContain('<table data-testid="mailbox">');
      const order = ["mallory@home.example", "+37120000001", "alex@home.example"].map((to) => body.indexOf(to));
      expect(order.every((at) => at > 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(body).toContain('<pre class="message">Your code is 12345678</pre>');
      expect(body).toContain('<time datetime="2026-11-24T09:30:00.000Z">');
    });

    it("escapes a message's subject and text (no <script> reaches the page)", async () => {
      const { app } = await filled();
      const body = await (await app.request("/dev/mailbox")).text();
      expect(body).not.toContain("<script>");
      expect(body).not.toContain("<img");
      expect(body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
      expect(body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    });

    it("has no inline script or style (the app's CSP forbids both)", async () => {
      const mailbox = devMailbox(fixedClock("2026-11-24T09:30:00.000Z"));
      await mailbox.send({
        to: "alex@home.example",
        subject: "Your code",
        text: "Your code is 12345678",
        kind: "code",
      });
      const body = await (await devMailboxRoutes(mailbox).request("/dev/mailbox")).text();
      // Only our own scripts, by src (the page now wears the site layout).
      expect(body).not.toMatch(/<script(?![^>]*\bsrc="\/static\/)|<style|\sstyle=|\son[a-z]+=/i);
    });

    it("shows only the messages for ?to=, and escapes the filter it echoes", async () => {
      const { app } = await filled();
      const body = await (await app.request("/dev/mailbox?to=%2B37120000001")).text();
      expect(body).toContain("654321");
      expect(body).not.toContain("12345678");
      expect(body).not.toContain("mallory@home.example");
      const echoed = await (await app.request(`/dev/mailbox?to=${encodeURIComponent('"><script>x</script>')}`)).text();
      expect(echoed).not.toContain("<script>");
      expect(echoed).toContain("No messages");
    });
  });

  describe("GET /dev/mailbox.json", () => {
    it("answers { messages } newest first", async () => {
      const { app } = await filled();
      const res = await app.request("/dev/mailbox.json");
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const { messages } = (await res.json()) as { messages: { to: string; channel: string }[] };
      expect(messages.map((m) => [m.channel, m.to])).toEqual([
        ["email", "mallory@home.example"],
        ["sms", "+37120000001"],
        ["email", "alex@home.example"],
      ]);
    });

    it("filters by ?to=", async () => {
      const { app } = await filled();
      const res = await app.request("/dev/mailbox.json?to=Alex@home.example");
      const { messages } = (await res.json()) as { messages: { text: string }[] };
      expect(messages.map((m) => m.text)).toEqual(["Your code is 12345678"]);
    });
  });
});
