/**
 * Validation at the edge: zod schemas on every route; a failed parse becomes a 400
 * problem whose detail and `field` name the offending path (`methods[0].type`).
 */
import type { z } from "zod";
import { AppError } from "../errors";

/** `["methods", 0, "type"]` → `methods[0].type`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** The first issue of a zod error as an AppError naming the field. */
export function validationError(error: z.ZodError, where: string): AppError {
  const issue = error.issues[0]!;
  let field = fieldPath(issue.path);
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    const keys = (issue as { keys: string[] }).keys;
    field = [field, keys[0]].filter(Boolean).join(".");
    message = `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}`;
  }
  const name = field || where;
  return new AppError(400, "invalid_request", `${name}: ${message}`, {
    field: name,
    body: { errors: error.issues.slice(0, 20).map((i) => ({ field: fieldPath(i.path) || where, message: i.message })) },
  });
}

/** defaultHook for OpenAPIHono: throw, so app.onError renders it like every other error. */
export function throwOnInvalid(result: { success: boolean; error?: unknown; target?: string }): void {
  if (!result.success) throw validationError(result.error as z.ZodError, result.target ?? "body");
}
