/**
 * Driving the reset API the way a client does, for the flow tests: start, challenge,
 * read the code from wherever it was delivered, verify, complete.
 */
import { expect } from "vitest";
import type { TestContext } from "./test-deps";

export type Json = Record<string, unknown>;

export async function post(t: TestContext, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

export async function start(t: TestContext, login: string): Promise<string> {
  const res = await post(t, "/reset/start", { login });
  expect(res.status).toBe(200);
  return res.body.flowId as string;
}

/** The newest code sent to `to` through the dev mailbox (SMS, voice, or email when no SMTP server is used). */
export async function codeFromDevMailbox(t: TestContext, to: string): Promise<string> {
  // Delivery runs after the HTTP answer; give it a moment.
  for (let i = 0; i < 50; i++) {
    const message = t.deps.devMailbox!.forRecipient(to)[0];
    if (message) return /\b(\d{6,8})\b/.exec(message.text)![1]!;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no message to ${to}`);
}

/** Start, send a code to `contact` by `method`, read it from the dev mailbox, verify. */
export async function verifyByCode(t: TestContext, flowId: string, method: string, contact: string) {
  const ch = await post(t, `/reset/${flowId}/challenge`, { method, contact });
  expect(ch.status).toBe(200);
  return post(t, `/reset/${flowId}/verify`, { method, code: await codeFromDevMailbox(t, contact) });
}

/** A persona's registered value of a method type, read from the database. */
export function contactOf(t: TestContext, login: string, type: string): string {
  const v = t.db.$client
    .prepare(
      "SELECT m.value FROM methods m JOIN users u ON u.id = m.user_id WHERE u.upn = ? AND m.type = ? ORDER BY m.id LIMIT 1",
    )
    .pluck()
    .get(login, type) as string | undefined;
  if (!v) throw new Error(`${login} has no ${type}`);
  return v;
}

export async function passwordWorks(t: TestContext, login: string, password: string): Promise<boolean> {
  const { verifySecret } = await import("../../src/secrets/password-hash");
  const hash = t.db.$client.prepare("SELECT password_hash FROM users WHERE upn = ?").pluck().get(login) as string;
  return verifySecret(password, hash);
}

/**
 * Ask for a code the way the reset page does: when the answer is 428
 * proof_of_work_required, solve the puzzle it carries and ask again with the solution.
 */
export async function challengeSolving(
  t: TestContext,
  flowId: string,
  body: Json,
  headers: Record<string, string> = {},
) {
  const first = await post(t, `/reset/${flowId}/challenge`, body, headers);
  if (first.status !== 428) return first;
  const { solveProof } = await import("../../src/flows/proof-of-work");
  const proof = solveProof(first.body.proofOfWork as Parameters<typeof solveProof>[0]);
  return post(t, `/reset/${flowId}/challenge`, { ...body, proof }, headers);
}
