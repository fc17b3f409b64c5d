/**
 * The dev mailbox: where codes and notices go when there is no SMTP relay (SMTP_URL
 * unset) and in demo mode, so a person trying the service can read the code they were
 * sent. It stands in for both the mailer and the SMS/voice provider, keeps messages in
 * memory only, and forgets the oldest past a fixed count.
 */
import type { Clock } from "../clock";
import type { Mailer } from "./mailer";

export type DevChannel = "email" | "sms" | "voice";

export type DevMessage = {
  /** Unique within this mailbox, in arrival order (`m1`, `m2`, …). */
  id: string;
  /** When it was filed, ISO 8601, from the mailbox's clock. */
  at: string;
  channel: DevChannel;
  to: string;
  /** Email only. */
  subject?: string;
  text: string;
  kind: "code" | "notice";
};

/** A text or voice message as the SMS port hands it over. */
export type DevPhoneMessage = { channel: "sms" | "voice"; to: string; text: string; kind: "code" | "notice" };

export type DevMailbox = Mailer & {
  /** File an SMS or voice message (what `devSms` calls). */
  receivePhone(msg: DevPhoneMessage): void;
  /** Every kept message, newest first. */
  list(): DevMessage[];
  /** The kept messages for one address or number (case and surrounding space ignored), newest first. */
  forRecipient(to: string): DevMessage[];
  clear(): void;
};

/**
 * The mailbox keeps the last 500 messages: a demo that runs for weeks, or a script that
 * hammers the reset endpoint, must not grow the process without bound. 500 is far more
 * than anyone scrolls through.
 */
export const DEV_MAILBOX_CAPACITY = 500;

const sameRecipient = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * An empty in-memory mailbox that timestamps messages with `clock`.
 *
 * @example
 * const mailbox = devMailbox(systemClock);
 * await mailbox.send({ to: "alex@home.example", subject: "Your code", text: "12345678", kind: "code" });
 * mailbox.forRecipient("Alex@home.example")[0]?.text // "12345678"
 */
export function devMailbox(clock: Clock): DevMailbox {
  // Oldest first in storage (cheap append); reversed on the way out.
  let messages: DevMessage[] = [];
  let sequence = 0;

  const file = (msg: Omit<DevMessage, "id" | "at">) => {
    messages.push({ id: `m${++sequence}`, at: clock.now().toISOString(), ...msg });
    if (messages.length > DEV_MAILBOX_CAPACITY) messages = messages.slice(-DEV_MAILBOX_CAPACITY);
  };

  return {
    async send(mail) {
      file({ channel: "email", to: mail.to, subject: mail.subject, text: mail.text, kind: mail.kind });
    },
    receivePhone(msg) {
      file({ channel: msg.channel, to: msg.to, text: msg.text, kind: msg.kind });
    },
    list: () => messages.slice().reverse(),
    forRecipient: (to) => messages.filter((m) => sameRecipient(m.to, to)).reverse(),
    clear() {
      messages = [];
    },
  };
}
