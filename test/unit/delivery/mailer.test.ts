/**
 * smtpMailer against a real SMTP server in this process: what arrives is what a person
 * would read, and a relay that refuses, or never answers, makes `send` reject.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { smtpMailer } from "../../../src/delivery/mailer";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

const FROM = '"SSPR Doctor" <no-reply@sspr.example>';

describe("smtpMailer", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** A server plus a mailer on it, both closed after the test (mailer first). */
  async function relay(options?: Parameters<typeof startSmtpServer>[0]) {
    const smtp: TestSmtpServer = await startSmtpServer(options);
    cleanup.push(() => smtp.close());
    const mailer = smtpMailer({ url: smtp.url, from: FROM });
    cleanup.push(() => mailer.close());
    return { smtp, mailer };
  }

  it("delivers the recipient, sender, subject and text body over SMTP", async () => {
    const { smtp, mailer } = await relay();
    await mailer.send({
      to: "alex@home.example",
      subject: "Your verification code",
      text: "Your code is 12345678.\nIt expires in 10 minutes.",
      kind: "code",
    });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.to).toEqual(["alex@home.example"]);
    expect(mail?.from).toBe("no-reply@sspr.example");
    expect(mail?.subject).toBe("Your verification code");
    expect(mail?.text).toBe("Your code is 12345678.\nIt expires in 10 minutes.");
    expect(mail?.headers["x-sspr-kind"]).toBe("code");
  });

  it("delivers non-ASCII subjects and bodies intact (Latvian notices)", async () => {
    const { smtp, mailer } = await relay();
    const text = "Jūsu parole tika atiestatīta. Ja tas nebijāt jūs, sazinieties ar palīdzības dienestu — nekavējoties.";
    await mailer.send({ to: "ilze@home.example", subject: "Jūsu parole ir mainīta", text, kind: "notice" });
    expect(smtp.messages[0]?.subject).toBe("Jūsu parole ir mainīta");
    expect(smtp.messages[0]?.text).toBe(text);
    expect(smtp.messages[0]?.headers["x-sspr-kind"]).toBe("notice");
  });

  it("delivers a mostly non-Latin body (sent as base64) and a long folded subject intact", async () => {
    const { smtp, mailer } = await relay();
    const subject = "Ваш код подтверждения для сброса пароля в организации Contoso — действует 10 минут";
    const text = "Ваш код: 12345678. Никому его не сообщайте.\nЕсли это были не вы, обратитесь в службу поддержки.";
    await mailer.send({ to: "ivan@home.example", subject, text, kind: "code" });
    expect(smtp.messages[0]?.raw).toMatch(/Content-Transfer-Encoding: base64/);
    expect(smtp.messages[0]?.subject).toBe(subject);
    expect(smtp.messages[0]?.text).toBe(text);
  });

  it("sends the html alternative alongside the text when given", async () => {
    const { smtp, mailer } = await relay();
    await mailer.send({
      to: "alex@home.example",
      subject: "Code",
      text: "Code: 12345678",
      html: "<p>Code: <b>12345678</b></p>",
      kind: "code",
    });
    expect(smtp.messages[0]?.text).toBe("Code: 12345678");
    expect(smtp.messages[0]?.html).toBe("<p>Code: <b>12345678</b></p>");
  });

  it("reuses the pool for several messages in a row", async () => {
    const { smtp, mailer } = await relay();
    await Promise.all(
      ["a", "b", "c"].map((n) => mailer.send({ to: `${n}@home.example`, subject: n, text: n, kind: "notice" })),
    );
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(["a@home.example", "b@home.example", "c@home.example"]);
  });

  it("rejects when the relay refuses the recipient", async () => {
    const { smtp, mailer } = await relay({ rejectRecipient: (address) => address === "nobody@home.example" });
    await expect(mailer.send({ to: "nobody@home.example", subject: "x", text: "x", kind: "code" })).rejects.toThrow();
    expect(smtp.messages).toHaveLength(0);
  });

  it("rejects when nothing listens at the url", async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const mailer = smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM });
    cleanup.push(() => mailer.close());
    await expect(mailer.send({ to: "alex@home.example", subject: "x", text: "x", kind: "code" })).rejects.toThrow();
  });

  it("gives up on a relay that accepts the connection but never greets, within its timeout", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const mailer = smtpMailer({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
    cleanup.push(() => mailer.close());
    const started = Date.now();
    await expect(mailer.send({ to: "alex@home.example", subject: "x", text: "x", kind: "code" })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
