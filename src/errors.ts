/**
 * The one error type of the shell, and the closed list of problem codes it may carry.
 * Flows, fixes and HTTP handlers throw an AppError when a step fails; `app.onError`
 * (src/http/problem.ts) is the only place that turns it into an RFC 9457 problem.
 * Anything that is not an AppError is a bug and becomes a generic 500 that never echoes
 * its message. A code is either a finding code (the catalogue explains it) or one of
 * `PROBLEMS` below (status, title, English text; the Latvian column is
 * `web/i18n/lv.ts`, keyed by the same codes), so a typo is a type error and the OpenAPI
 * can list what each route may answer.
 */
import type { FindingCode } from "./domain/catalogue";

export type Problem = {
  /** The status this code is answered with (toAppError maps Hono's own by theirs). */
  status: number;
  /** The problem body's `title`. */
  title: string;
  /** What the person is told, in English, when there is nothing more specific. */
  en: string;
};

/**
 * Every problem code that is not a finding code. Titles of the first eight are the
 * ones the API has always sent; the rest are their code in words, as `title` was derived
 * before the registry, so no response changes.
 */
export const PROBLEMS = {
  invalid_request: { status: 400, title: "The request is not valid", en: "Check what you entered and try again." },
  payload_too_large: {
    status: 413,
    title: "The request body is too large",
    en: "The request body is larger than 64 KiB.",
  },
  not_found: { status: 404, title: "Not found", en: "There is nothing at this address." },
  unauthorized: { status: 401, title: "Authentication required", en: "Sign in again." },
  forbidden: { status: 403, title: "Not allowed for this role", en: "Your role may not do this." },
  conflict: { status: 409, title: "Conflict", en: "The request conflicts with the current state." },
  internal_error: {
    status: 500,
    title: "Something went wrong on our side",
    en: "An unexpected error occurred. It has been logged with the request id.",
  },
  rate_limited: {
    status: 429,
    title: "Too many requests",
    en: "Too many attempts from this address or with this sign-in name. Try again in an hour.",
  },
  csrf_rejected: {
    status: 403,
    title: "csrf rejected",
    en: "This form is out of date. Reload the page and try again.",
  },
  user_not_found: { status: 404, title: "user not found", en: "No such user." },
  tenant_not_found: { status: 404, title: "tenant not found", en: "No such tenant." },
  already_exists: {
    status: 409,
    title: "already exists",
    en: "Something with this name already exists. Open it and edit it instead.",
  },
  diagnosis_not_found: { status: 404, title: "diagnosis not found", en: "No diagnosis with this reference id." },
  article_not_found: { status: 404, title: "article not found", en: "No such article." },
  fix_not_found: { status: 404, title: "fix not found", en: "No such fix." },
  fix_not_applicable: {
    status: 409,
    title: "fix not applicable",
    en: "None of the findings this fix addresses is present; nothing was changed.",
  },
  fix_did_not_help: {
    status: 409,
    title: "fix did not help",
    en: "The fix would not have cleared the finding; nothing was changed.",
  },
  fix_is_a_user_step: {
    status: 409,
    title: "fix is a user step",
    en: "Only the user can do this; nothing was changed. Follow the guidance.",
  },
  fix_is_a_wait: { status: 409, title: "fix is a wait", en: "This clears itself with time; nothing was changed." },
  fix_needs_onprem_admin: {
    status: 409,
    title: "fix needs onprem admin",
    en: "An on-premises administrator must do this; nothing was changed. Follow the guidance.",
  },
  fix_is_manual: {
    status: 409,
    title: "fix is manual",
    en: "This fix is done by hand; nothing was changed. Follow the guidance.",
  },
  delivery_failed: { status: 502, title: "delivery failed", en: "The message could not be sent. Try again later." },
  flow_not_found: { status: 404, title: "flow not found", en: "This reset is no longer valid. Start again." },
  flow_expired: { status: 410, title: "flow expired", en: "A reset lasts at most 15 minutes. Start again." },
  flow_completed: { status: 409, title: "flow completed", en: "This reset is already complete." },
  flow_not_verified: { status: 409, title: "flow not verified", en: "First verify the methods you need." },
  unlock_not_allowed: {
    status: 403,
    title: "unlock not allowed",
    en: "Your organization does not allow unlocking without changing the password. Choose a new password.",
  },
  account_not_locked: {
    status: 409,
    title: "account not locked",
    en: "The account is not locked, so there is nothing to unlock.",
  },
  invalid_credentials: {
    status: 401,
    title: "invalid credentials",
    en: "The sign-in name or password is not correct.",
  },
  password_change_required: {
    status: 403,
    title: "password change required",
    en: "This is a temporary password. Choose a new password to sign in.",
  },
  too_many_sign_in_attempts: {
    status: 429,
    title: "too many sign in attempts",
    en: "Too many failed sign-in attempts. Try again later.",
  },
  too_many_password_choices: {
    status: 429,
    title: "too many password choices",
    en: "Too many refused choices of a new password. Try again later.",
  },
  too_many_registration_changes: {
    status: 429,
    title: "too many registration changes",
    en: "Too many changes within an hour. Try again later.",
  },
  registration_incomplete: {
    status: 409,
    title: "registration incomplete",
    en: "First register as many methods as your organization requires.",
  },
  method_not_found: { status: 404, title: "method not found", en: "You have no such method registered." },
  method_already_verified: { status: 409, title: "method already verified", en: "This method is already verified." },
  method_not_allowed: {
    status: 400,
    title: "method not allowed",
    en: "Your organization's policy does not allow this method.",
  },
  method_exists: { status: 409, title: "method exists", en: "This method is already registered." },
  too_many_methods: {
    status: 409,
    title: "too many methods",
    en: "You already have as many methods as allowed; remove one first.",
  },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported media type",
    en: "Send this request as application/json.",
  },
  proof_of_work_required: {
    status: 428,
    title: "proof of work required",
    en: "Your browser needs a moment to prove it is not an automated script. Try again.",
  },
  step_up_required: {
    status: 403,
    title: "step up required",
    en: "First confirm it is you with a code sent to a method you already have.",
  },
  directory_not_configured: {
    status: 404,
    title: "directory not configured",
    en: "This organization has no directory configured.",
  },
  secret_key_missing: {
    status: 503,
    title: "secret key missing",
    en: "SSPR_SECRET_KEY is not set, so a directory's bind secret cannot be stored or opened.",
  },
} as const satisfies Record<string, Problem>;

export type ProblemCode = keyof typeof PROBLEMS;

/** What an AppError's `code` may be: a finding (the catalogue explains it) or a registered problem. */
export type ErrorCode = FindingCode | ProblemCode;

/** A key of the per-locale problem texts: a code, or `<code>:<field>` (`invalid_request:value`) for a text about one field. */
export type ProblemTextKey = ErrorCode | `${ErrorCode}:${string}`;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(PROBLEMS, value);
}

export type AppErrorExtra = {
  /** The request field at fault, as a path like `policy.methodsRequired`. */
  field?: string;
  /** Reference id of the diagnosis stored for this failure. */
  diagnosisId?: string;
  /** Extra members for the problem body (RFC 9457 allows extensions). */
  body?: Record<string, unknown>;
  /** Response headers, e.g. Retry-After for 429. */
  headers?: Record<string, string>;
  cause?: unknown;
};

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(`${code}: ${detail}`, { cause: extra.cause });
    this.name = "AppError";
  }
}

/**
 * The problem body's title: the registry's, else the code in words (finding codes; the
 * catalogue's title of a finding is for the person, and the body carries the detail).
 */
export function problemTitle(code: ErrorCode): string {
  return isProblemCode(code) ? PROBLEMS[code].title : code.replaceAll("_", " ");
}
