/**
 * Text and voice messages: the `SmsSender` port the flows send phone codes and notices
 * through, and its development adapter that files them in the dev mailbox. A real
 * provider (an SMS gateway's HTTP API) implements the same one method; like the mailer,
 * a failure is a rejected promise and the caller decides what it means.
 */
import type { DevMailbox } from "./dev-mailbox";

export type SmsMessage = {
  /** An E.164 number, e.g. `+37120000001`. */
  to: string;
  text: string;
  /** `voice`: the provider reads `text` out in a call. */
  channel: "sms" | "voice";
  /** Codes unless said otherwise: almost everything sent to a phone is one. */
  kind?: "code" | "notice";
};

export type SmsSender = { send(msg: SmsMessage): Promise<void> };

/**
 * An SMS sender that delivers into the dev mailbox, for demo mode and local runs.
 *
 * @example
 * const sms = devSms(mailbox);
 * await sms.send({ to: "+37120000001", text: "Your code is 123456", channel: "sms" });
 * mailbox.forRecipient("+37120000001")[0]?.channel // "sms"
 */
export function devSms(mailbox: DevMailbox): SmsSender {
  return {
    async send(msg) {
      mailbox.receivePhone({ channel: msg.channel, to: msg.to, text: msg.text, kind: msg.kind ?? "code" });
    },
  };
}
