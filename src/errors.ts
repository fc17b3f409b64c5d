/**
 * The one error type of the shell. Flows, fixes and HTTP handlers throw an AppError
 * when a step fails; `app.onError` (src/http/problem.ts) is the only place that turns
 * it into an RFC 9457 problem. Anything that is not an AppError is a bug and becomes
 * a generic 500 that never echoes its message.
 */

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
    readonly code: string,
    readonly detail: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(`${code}: ${detail}`, { cause: extra.cause });
    this.name = "AppError";
  }
}

/** Short titles per generic problem code; catalogue codes get their title from the catalogue. */
export const PROBLEM_TITLES: Record<string, string> = {
  invalid_request: "The request is not valid",
  payload_too_large: "The request body is too large",
  not_found: "Not found",
  unauthorized: "Authentication required",
  forbidden: "Not allowed for this role",
  conflict: "Conflict",
  internal_error: "Something went wrong on our side",
  rate_limited: "Too many requests",
  proof_of_work_required: "Solve the proof of work first",
  step_up_required: "Prove an existing method first",
};
