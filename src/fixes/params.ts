/**
 * Fix parameters as they arrive from outside: the CLI's `--param key=value` and the
 * preview's `?param=key=value` are the same text form, turned into the object every fix
 * schema validates. Also the few parameter schemas several fixes share.
 */
import { z } from "zod";
import { formatPath, MethodTypeSchema } from "../domain/snapshot";
import { AppError } from "../errors";
import type { FixSpec } from "./definition";

/** No parameters at all: anything given is an unknown key. */
export const NO_PARAMS = z.strictObject({});

/** One method or several (`methods=email` and `methods=email,mobile_sms` both work). */
export const MethodList = z
  .union([MethodTypeSchema, z.array(MethodTypeSchema).min(1)])
  .transform((v) => (Array.isArray(v) ? [...new Set(v)] : [v]));

/** A group id of the tenant (checked against the tenant when the plan is made). */
export const GroupId = z.string().min(1).max(200);

/**
 * `key=value` pairs → a params object. A value that reads as JSON (numbers, booleans,
 * arrays) is taken as such; one with commas becomes a list; anything else is a string.
 * A pair without `=` is reported under its own name so the caller sees what was wrong.
 *
 * @example
 * paramsFromPairs(["days=90", "methods=email,mobile_sms", "url=https://help.example"]);
 * // { days: 90, methods: ["email", "mobile_sms"], url: "https://help.example" }
 */
export function paramsFromPairs(
  pairs: readonly string[],
): { ok: true; params: Record<string, unknown> } | { ok: false; field: string; message: string } {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) return { ok: false, field: `param`, message: `expected key=value, got "${pair}"` };
    const key = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    if (Object.hasOwn(params, key)) return { ok: false, field: `params.${key}`, message: "given twice" };
    params[key] = parseValue(raw);
  }
  return { ok: true, params };
}

function parseValue(raw: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|\[.*\])$/.test(raw)) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      // Not JSON after all: fall through to the text forms.
    }
  }
  // URLs and addresses keep their commas; only plain words form a list.
  if (raw.includes(",") && !/[/@\s]/.test(raw))
    return raw
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  return raw;
}

/**
 * A fix's parameters validated with its own strict schema; the first problem becomes a
 * 400 whose field is the parameter's path (`params.group`, `params.methods[1]`).
 *
 * @example
 * parseParams(FIX_REGISTRY.set_reconfirm_days, { days: 0 }); // throws 400 "params.days: Too small: expected number to be >=1"
 */
export function parseParams(spec: Pick<FixSpec, "params">, raw: unknown): unknown {
  const result = spec.params.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path: PropertyKey[] = ["params", ...issue.path];
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    path.push(issue.keys[0]!);
    message = `unknown parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  const field = formatPath(path);
  throw new AppError(400, "invalid_request", `${field}: ${message}`, { field });
}
