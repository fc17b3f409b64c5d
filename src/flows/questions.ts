/**
 * Security questions in a reset: which questions a flow asks, and checking the answers.
 * A real user is asked a stable subset of the questions they answered; an unknown login
 * (or a user without enough answers) gets a stable decoy subset derived with the
 * instance key — both look the same from outside, and both cost the same hashing work.
 */
import { createHmac } from "node:crypto";
import type { Store } from "../db/client";
import { answeredQuestionIds, answerHashes } from "../db/methods";
import { SECURITY_QUESTIONS, normalizeAnswer } from "../domain/security-questions";
import { decoyHash, verifySecret } from "../secrets/password-hash";

/** Order `ids` by a keyed hash of (seed, id) and take `n`: stable, unpredictable without the key. */
function keyedPick(key: Buffer, seed: string, ids: readonly string[], n: number): string[] {
  const score = (id: string) => createHmac("sha256", key).update(`${seed}\n${id}`).digest("hex");
  return [...ids].sort((a, b) => (score(a) < score(b) ? -1 : 1)).slice(0, n);
}

/** The questions a flow asks: the user's own when they answered enough, else decoys. */
export function questionsFor(
  db: Store,
  key: Buffer,
  who: { userId: string | null; login: string },
  count: number,
): string[] {
  const answered = who.userId ? answeredQuestionIds(db, who.userId) : [];
  if (who.userId && answered.length >= count) return keyedPick(key, who.userId, answered, count);
  return keyedPick(
    key,
    who.login.toLowerCase(),
    SECURITY_QUESTIONS.map((q) => q.id),
    count,
  );
}

export function questionText(id: string, locale: "en" | "lv"): string {
  const q = SECURITY_QUESTIONS.find((x) => x.id === id);
  return q ? q[locale] : id;
}

/**
 * True when every asked question got its registered answer. Every answer is hashed
 * (against a decoy when there is nothing stored) so wrong, missing and unknown cost alike.
 */
export async function answersMatch(
  db: Store,
  userId: string | null,
  asked: readonly string[],
  given: readonly { questionId: string; answer: string }[],
): Promise<boolean> {
  const stored = userId ? answerHashes(db, userId) : new Map<string, string>();
  const decoy = await decoyHash();
  const results = await Promise.all(
    asked.map((qid) => {
      const answer = given.find((g) => g.questionId === qid)?.answer ?? "";
      return verifySecret(normalizeAnswer(answer), stored.get(qid) ?? decoy);
    }),
  );
  const exactSet = given.length === asked.length && given.every((g) => asked.includes(g.questionId));
  return exactSet && results.every(Boolean) && asked.every((q) => stored.has(q));
}
