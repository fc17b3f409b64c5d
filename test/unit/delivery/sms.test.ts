/**
 * devSms: text and voice messages land in the dev mailbox with their channel.
 */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { devMailbox } from "../../../src/delivery/dev-mailbox";
import { devSms } from "../../../src/delivery/sms";

describe("devSms", () => {
  it("files an SMS in the dev mailbox as a code", async () => {
    const mailbox = devMailbox(fixedClock("2026-11-24T09:30:00.000Z"));
    await devSms(mailbox).send({ to: "+37120000001", text: "Your SSPR code is 123456", channel: "sms" });
    expect(mailbox.list()).toEqual([
      {
        id: "m1",
        at: "2026-11-24T09:30:00.000Z",
        channel: "sms",
        to: "+37120000001",
        text: "Your SSPR code is 123456",
        kind: "code",
      },
    ]);
  });

  it("files a voice message under the voice channel, without a subject", async () => {
    const mailbox = devMailbox(fixedClock("2026-11-24T09:30:00.000Z"));
    await devSms(mailbox).send({ to: "+37120000002", text: "Your code is 1 2 3 4 5 6", channel: "voice" });
    const [message] = mailbox.forRecipient("+37120000002");
    expect(message?.channel).toBe("voice");
    expect(message).not.toHaveProperty("subject");
  });

  it("keeps a notice's kind when the sender says so", async () => {
    const mailbox = devMailbox(fixedClock("2026-11-24T09:30:00.000Z"));
    await devSms(mailbox).send({ to: "+37120000003", text: "Your password was reset", channel: "sms", kind: "notice" });
    expect(mailbox.list()[0]?.kind).toBe("notice");
  });
});
