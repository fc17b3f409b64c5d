/**
 * Registration of security info by a signed-in user: list the methods (values masked,
 * each with why it is or is not usable), remove a method, confirm the info is still
 * right, and the status that says whether registering or reconfirming is due. Adding
 * and proving a method is flows/enrolment.ts; security questions are
 * flows/registration-questions.ts. Every step counts against a per-account hourly
 * budget, and every step, success or failure, is audited as `me.*`.
 */
import { beginStep, commitStep, refuse, userSnapshot } from "./registration-step";
import { confirmRegistrationAt, deleteAnswers, deleteMethod, methodOf, methodsOf, type MethodRow } from "../db/methods";
import { supersedeCodes } from "../db/reset-flows";
import type { Deps } from "../deps";
import { FINDINGS, type FindingCode, type Method } from "../domain/catalogue";
import { assessMethods, type MethodAssessment } from "../domain/methods";
import { effectivePolicy } from "../domain/policy";
import type { Snapshot } from "../domain/snapshot";
import { AppError } from "../errors";
import { maskValue } from "./masking";
import { registrationStatus, type RegistrationStatus } from "./registration-status";
import type { RequestCtx, SessionUser } from "./session";

/** Changes per account per hour: a person registering needs a dozen; a script needs thousands. Each PUT of answers costs 3–5 scrypt hashes. */
export const MAX_REGISTRATION_STEPS_PER_HOUR = 30;

/** Not added through POST /me/methods: authenticator_notification needs a push channel we do not have; security questions have their own endpoint. */
const NOT_ADDABLE_HERE: readonly Method[] = ["authenticator_notification", "security_questions"];

/** Verification codes of a registration live under this pseudo-flow id. */
export const registrationFlowId = (methodId: string) => `reg:${methodId}`;

export type MethodIssue = "not_allowed" | "unverified" | "invalid_value" | "incomplete";
export type MethodView = {
  id: string;
  type: Method;
  /** Masked (flows/masking.ts); null for authenticators and questions. */
  value: string | null;
  verified: boolean;
  usable: boolean;
  /** Why it is not usable, if it is not. */
  issues: MethodIssue[];
  registeredAt: string;
  questionsAnswered?: number;
};

/**
 * The registration status of the session's user (what `GET /me` and sign-in answer).
 * @example registrationFor(deps, session, "en").due // "register"
 */
export function registrationFor(deps: Deps, session: SessionUser, locale: "en" | "lv"): RegistrationStatus {
  return registrationStatus(userSnapshot(deps, session), locale);
}

export function methodRows(deps: Deps, userId: string): MethodRow[] {
  return methodsOf(deps.db, userId);
}

export function viewsOf(rows: MethodRow[], snapshot: Snapshot): MethodView[] {
  const answered = snapshot.methods.find((m) => m.type === "security_questions")?.questionsAnswered ?? 0;
  const assessed: MethodAssessment[] = assessMethods({
    policy: snapshot.policy,
    user: snapshot.user,
    methods: rows.map((r) => ({
      type: r.type,
      ...(r.value !== null ? { value: r.value } : {}),
      verified: r.verified,
      registeredAt: r.registeredAt,
      ...(r.type === "security_questions" ? { questionsAnswered: answered } : {}),
    })),
  });
  return rows.map((r, i) => {
    const a = assessed[i]!;
    const issues: MethodIssue[] = [];
    if (!a.allowed) issues.push("not_allowed");
    if (!a.verified) issues.push("unverified");
    if (!a.wellFormed) issues.push("invalid_value");
    if (!a.complete) issues.push("incomplete");
    return {
      id: r.id,
      type: r.type,
      value: maskValue(r.type, r.value),
      verified: r.verified,
      usable: a.usable,
      issues,
      registeredAt: r.registeredAt,
      ...(r.type === "security_questions" ? { questionsAnswered: answered } : {}),
    };
  });
}

/** The types this user may add through POST /me/methods: allowed by their policy and registrable here. */
export function addableTypes(snapshot: Snapshot): Method[] {
  return effectivePolicy(snapshot).methodsAllowed.filter((m) => !NOT_ADDABLE_HERE.includes(m));
}

export type MethodList = { methods: MethodView[]; allowedTypes: Method[]; methodsRequired: number };

/**
 * The user's methods, values masked, each with why it is or is not usable.
 * @example listMethods(deps, session).methods[0] // { type: "email", value: "a***@home.example", verified: true, usable: true, issues: [], … }
 */
export function listMethods(deps: Deps, session: SessionUser): MethodList {
  const snapshot = userSnapshot(deps, session);
  return {
    methods: viewsOf(methodRows(deps, session.userId), snapshot),
    allowedTypes: addableTypes(snapshot),
    methodsRequired: effectivePolicy(snapshot).methodsRequired,
  };
}

/** One method's view; `snapshot` is the step's own when it has one (the user and policy have not changed). */
export function viewOf(
  deps: Deps,
  session: SessionUser,
  methodId: string,
  snapshot: Snapshot = userSnapshot(deps, session),
): MethodView {
  return viewsOf(methodRows(deps, session.userId), snapshot).find((v) => v.id === methodId)!;
}

export { userSnapshot };

export type RemoveResult = {
  removed: { id: string; type: Method };
  registration: RegistrationStatus;
  /** Present when the user can no longer reset on their own: the would-be diagnosis. */
  warning?: { code: FindingCode; detail: string; findings: FindingCode[] };
};

/**
 * Remove a method. Always allowed — a lost or recycled phone number must be removable
 * at once, even when it is the last method — but when the user drops below what the
 * policy requires, the answer warns with the findings a diagnosis would now give.
 *
 * @example await removeMethod(deps, session, "mth_…", { locale: "en" }) // { removed: { id, type: "email" }, registration, warning? }
 */
export function removeMethod(deps: Deps, session: SessionUser, methodId: string, ctx: RequestCtx): RemoveResult {
  const step = beginStep(deps, session, "me.method_remove", ctx);
  const row = methodOf(deps.db, session.userId, methodId);
  if (!row)
    refuse(step, new AppError(404, "method_not_found", "id: you have no method with this id.", { field: "id" }), {
      methodId,
    });
  const now = deps.clock.now();
  // A removal is a change too: the owner hears of it (a lost phone may be removed at once, but never silently).
  const notice = row.verified ? { change: { kind: "removed", method: row.type } as const } : undefined;
  commitStep(
    step,
    now,
    { methodId, type: row.type, wasVerified: row.verified },
    (tx) => {
      deleteMethod(tx, row.id);
      // Answers belong to the questions method: removing it forgets them (they are only hashes, but still).
      if (row.type === "security_questions") deleteAnswers(tx, session.userId);
      // A code still on its way must not verify a method that no longer exists.
      supersedeCodes(tx, registrationFlowId(row.id), now);
    },
    notice,
  );
  const snapshot = userSnapshot(deps, session);
  const registration = registrationStatus(snapshot, ctx.locale);
  if (registration.usableMethods.length >= registration.methodsRequired)
    return { removed: { id: row.id, type: row.type }, registration };
  // What a signed-in user may see of a diagnosis: no staff-only findings.
  const findings = deps.diagnoser.findingCodes(snapshot).filter((c) => FINDINGS[c].disclosure !== "staff");
  const primary = findings.find((c) => FINDINGS[c].severity === "blocker") ?? "not_enough_methods";
  return {
    removed: { id: row.id, type: row.type },
    registration,
    warning: {
      code: primary,
      detail: `You can no longer reset your password yourself: ${registration.message}`,
      findings,
    },
  };
}

/**
 * Confirm the registered info is still right (reconfirmation). Refused (409) while the
 * user has fewer usable methods than required: there is nothing sound to confirm yet.
 *
 * @example confirmRegistration(deps, session, { locale: "en" }).registration.due // "none"
 */
export function confirmRegistration(
  deps: Deps,
  session: SessionUser,
  ctx: RequestCtx,
): { registration: RegistrationStatus } {
  const step = beginStep(deps, session, "me.confirm", ctx);
  const before = registrationStatus(step.snapshot, ctx.locale);
  if (before.usableMethods.length < before.methodsRequired) {
    refuse(
      step,
      new AppError(
        409,
        "registration_incomplete",
        `Register ${before.methodsRequired - before.usableMethods.length} more usable method(s) before confirming.`,
      ),
    );
  }
  const now = deps.clock.now();
  commitStep(step, now, { usableMethods: before.usableMethods }, (tx) =>
    confirmRegistrationAt(tx, session.userId, now),
  );
  return { registration: registrationFor(deps, session, ctx.locale) };
}
