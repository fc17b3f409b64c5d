/**
 * The one place errors become responses: RFC 9457 `application/problem+json`
 * bodies `{ type, title, status, detail, code?, diagnosisId?, field? }`. Unknown errors
 * become a generic 500 that never echoes their message (logged with the request id).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, problemTitle } from "../errors";
import type { Log } from "../log";

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  diagnosisId?: string;
  field?: string;
  [extension: string]: unknown;
};

/** A stable URI per problem code; catalogue codes resolve to their knowledge-base article. */
export type ProblemTypeOf = (code: string) => string;
export const defaultProblemType: ProblemTypeOf = (code) => `/problems/${code}`;

export function problemResponse(c: Context, err: AppError, typeOf: ProblemTypeOf): Response {
  const body: ProblemBody = {
    type: typeOf(err.code),
    title: problemTitle(err.code),
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...(err.extra.diagnosisId ? { diagnosisId: err.extra.diagnosisId } : {}),
    ...(err.extra.field ? { field: err.extra.field } : {}),
    ...err.extra.body,
  };
  for (const [k, v] of Object.entries(err.extra.headers ?? {})) c.header(k, v);
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, {
    "content-type": "application/problem+json; charset=utf-8",
  });
}

/** Map anything thrown to an AppError: ours as they are, Hono's by status, the rest to 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return new AppError(413, "payload_too_large", "The request body is larger than 64 KiB.", { field: "body" });
    if (err.status === 400)
      return new AppError(400, "invalid_request", `body: ${err.message || "malformed request body"}`, {
        field: "body",
      });
    if (err.status === 401) return new AppError(401, "unauthorized", "A valid bearer token is required.");
    // zod-openapi's media-type gate: the body was sent as something the route does not read.
    if (err.status === 415)
      return new AppError(415, "unsupported_media_type", "body: send this request as application/json.", {
        field: "body",
      });
    return new AppError(
      err.status,
      err.status === 404 ? "not_found" : "invalid_request",
      err.message || "Request failed.",
    );
  }
  return new AppError(500, "internal_error", "An unexpected error occurred. It has been logged with the request id.", {
    cause: err,
  });
}

export function onError(log: Log, typeOf: ProblemTypeOf) {
  return (err: Error, c: Context) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) {
      log.error("request failed", {
        requestId: c.get("requestId"),
        path: c.req.path,
        error: String(err),
        stack: err.stack,
      });
    }
    return problemResponse(c, appErr, typeOf);
  };
}
