/**
 * Security questions at registration: the predefined list in the user's language (and
 * which ones they answered — never the answers), and replacing all answers at once.
 * Answers are checked after normalization (case, whitespace, NFKC: what the reset flow
 * compares), must be at least MIN_ANSWER_LENGTH characters, all different, between the
 * policy's `toRegister` and MAX_QUESTIONS in number, and are stored only as scrypt
 * hashes. The `security_questions` method row is kept verified: knowing the answers is
 * its own proof.
 */
import { newId } from "../clock";
import { answeredQuestionIds, replaceAnswers } from "../db/methods";
import type { Deps } from "../deps";
import { effectivePolicy } from "../domain/policy";
import { MIN_ANSWER_LENGTH, SECURITY_QUESTIONS, normalizeAnswer } from "../domain/security-questions";
import { AppError, type ErrorCode } from "../errors";
import { hashSecret } from "../secrets/password-hash";
import { registrationStatus, type RegistrationStatus } from "./registration-status";
import { beginStep, commitStep, refuse, userSnapshot } from "./registration-step";
import { requireStepUp } from "./step-up";
import type { RequestCtx, SessionUser } from "./session";

/** The contract's ceiling for `securityQuestions.toRegister` (3..5): more answers than that only add guessable data. */
export const MAX_QUESTIONS = 5;

export type QuestionList = {
  questions: { id: string; text: string; answered: boolean }[];
  /** Whether this user's policy accepts security questions at all (never for administrators). */
  allowed: boolean;
  minAnswers: number;
  maxAnswers: number;
  minAnswerLength: number;
};

/**
 * The predefined questions in `locale`, each marked when the user has answered it.
 * @example listSecurityQuestions(deps, session, "lv").questions[0] // { id: "q_first_school", text: "Kā sauca jūsu pirmo skolu?", answered: false }
 */
export function listSecurityQuestions(deps: Deps, session: SessionUser, locale: "en" | "lv"): QuestionList {
  const snapshot = userSnapshot(deps, session);
  const answered = new Set(answeredQuestionIds(deps.db, session.userId));
  return {
    questions: SECURITY_QUESTIONS.map((q) => ({ id: q.id, text: q[locale], answered: answered.has(q.id) })),
    allowed: effectivePolicy(snapshot).questionsAllowed,
    minAnswers: snapshot.policy.securityQuestions.toRegister,
    maxAnswers: MAX_QUESTIONS,
    minAnswerLength: MIN_ANSWER_LENGTH,
  };
}

export type AnswerInput = { questionId: string; answer: string };

/**
 * Replace all of the user's answers.
 *
 * @example
 * await setSecurityQuestions(deps, session, [{ questionId: "q_first_pet", answer: "Muris" }, …], { locale: "en" });
 * // { answered: ["q_first_pet", …], registration: { due: "none", … } }
 */
export async function setSecurityQuestions(
  deps: Deps,
  session: SessionUser,
  answers: readonly AnswerInput[],
  ctx: RequestCtx,
): Promise<{ answered: string[]; registration: RegistrationStatus }> {
  const step = beginStep(deps, session, "me.security_questions_set", ctx);
  const { snapshot } = step;
  const fail = (code: ErrorCode, field: string, text: string): never =>
    refuse(step, new AppError(400, code, `${field}: ${text}`, { field }));

  if (!step.policy.questionsAllowed)
    fail("method_not_allowed", "answers", "security questions are not allowed by your organization's policy.");
  const min = snapshot.policy.securityQuestions.toRegister;
  if (answers.length < min || answers.length > MAX_QUESTIONS)
    fail(
      "invalid_request",
      "answers",
      `answer between ${min} and ${MAX_QUESTIONS} questions; you answered ${answers.length}.`,
    );
  const normalized = answers.map((a) => normalizeAnswer(a.answer));
  answers.forEach((a, i) => {
    if (!SECURITY_QUESTIONS.some((q) => q.id === a.questionId))
      fail("invalid_request", `answers[${i}].questionId`, `"${a.questionId}" is not one of the predefined questions.`);
    const first = answers.findIndex((b) => b.questionId === a.questionId);
    if (first !== i) fail("invalid_request", `answers[${i}].questionId`, `the same question as answers[${first}].`);
    // Counted in code points after normalization: "  ab " is two characters, "Rīga" four.
    if ([...normalized[i]!].length < MIN_ANSWER_LENGTH)
      fail("invalid_request", `answers[${i}].answer`, `must be at least ${MIN_ANSWER_LENGTH} characters.`);
    // One answer for two questions halves what a guesser has to find.
    const twin = normalized.indexOf(normalized[i]!);
    if (twin !== i)
      fail(
        "invalid_request",
        `answers[${i}].answer`,
        `the same answer as answers[${twin}]; give each question its own answer.`,
      );
  });

  requireStepUp(step);
  // Hash outside the transaction: scrypt is slow and better-sqlite3 transactions are synchronous.
  const hashes = await Promise.all(normalized.map((a) => hashSecret(a)));
  const now = deps.clock.now();
  const questionIds = answers.map((a) => a.questionId);
  commitStep(
    step,
    now,
    { questionIds },
    (tx) =>
      replaceAnswers(
        tx,
        session.userId,
        answers.map((a, i) => ({ questionId: a.questionId, answerHash: hashes[i]! })),
        now.toISOString(),
        () => newId(deps.random, "mth_"),
      ),
    { change: { kind: "questions" } },
  );
  return { answered: questionIds, registration: registrationStatus(userSnapshot(deps, session), ctx.locale) };
}
