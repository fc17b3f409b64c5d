/**
 * The dev mailbox: newest first, bounded at 500, filtered by recipient, stamped by the
 * clock it was given.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { DEV_MAILBOX_CAPACITY, devMailbox } from "../../../src/delivery/dev-mailbox";

const NOW = "2026-11-24T09:30:00.000Z";
const mail = (to: string, subject: string) => ({ to, subject, text: `body of ${subject}`, kind: "code" as const });

describe("devMailbox", () => {
  it("files an email with its channel, recipient, subject, text, kind and the clock's time", async () => {
    const mailbox = devMailbox(fixedClock(NOW));
    await mailbox.send(mail("alex@home.example", "Your code"));
    expect(mailbox.list()).toEqual([
      {
        id: "m1",
        at: NOW,
        channel: "email",
        to: "alex@home.example",
        subject: "Your code",
        text: "body of Your code",
        kind: "code",
      },
    ]);
  });

  it("lists the newest message first", async () => {
    const clock = fixedClock(NOW);
    const mailbox = devMailbox(clock);
    await mailbox.send(mail("a@home.example", "first"));
    clock.advance(1_000);
    await mailbox.send(mail("a@home.example", "second"));
    await mailbox.send(mail("a@home.example", "third (same instant)"));
    expect(mailbox.list().map((m) => m.subject)).toEqual(["third (same instant)", "second", "first"]);
    expect(mailbox.list()[1]?.at).toBe("2026-11-24T09:30:01.000Z");
  });

  it("keeps only the last 500 messages, dropping the oldest", async () => {
    const mailbox = devMailbox(fixedClock(NOW));
    for (let i = 1; i <= DEV_MAILBOX_CAPACITY + 20; i++) await mailbox.send(mail("a@home.example", `#${i}`));
    const kept = mailbox.list();
    expect(DEV_MAILBOX_CAPACITY).toBe(500);
    expect(kept).toHaveLength(500);
    expect(kept[0]?.subject).toBe("#520");
    expect(kept.at(-1)?.subject).toBe("#21");
  });

  it("filters by recipient, ignoring case and surrounding space, newest first", async () => {
    const mailbox = devMailbox(fixedClock(NOW));
    await mailbox.send(mail("Alex@Home.example", "one"));
    await mailbox.send(mail("sam@home.example", "other"));
    mailbox.receivePhone({ channel: "sms", to: "+37120000001", text: "123456", kind: "code" });
    await mailbox.send(mail("alex@home.example", "two"));
    expect(mailbox.forRecipient(" alex@home.EXAMPLE ").map((m) => m.subject)).toEqual(["two", "one"]);
    expect(mailbox.forRecipient("+37120000001").map((m) => m.text)).toEqual(["123456"]);
    expect(mailbox.forRecipient("nobody@home.example")).toEqual([]);
  });

  it("forgets everything on clear, and hands out copies that cannot change it", async () => {
    const mailbox = devMailbox(fixedClock(NOW));
    await mailbox.send(mail("a@home.example", "x"));
    mailbox.list().pop();
    expect(mailbox.list()).toHaveLength(1);
    mailbox.clear();
    expect(mailbox.list()).toEqual([]);
  });
});
