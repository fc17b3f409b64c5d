/**
 * OpenAPI plumbing shared by every route module: the OpenAPIHono factory (whose
 * validation hook throws into app.onError), the problem schema, and the bearer scheme.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { ErrorCode } from "../errors";
import type { AppEnv } from "./auth";
import { throwOnInvalid } from "./validate";

export function newRouter<E extends Env = AppEnv>() {
  return new OpenAPIHono<E>({ defaultHook: (result) => throwOnInvalid(result as never) });
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional(),
    diagnosisId: z.string().optional(),
    field: z.string().optional(),
  })
  .openapi("Problem");

/** A documented problem+json response. */
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** A value the API leaves open (a fix parameter, an audit detail, a before/after value): any JSON, said so rather than `{}`. */
export const AnyJson = z.unknown().openapi({ description: "any JSON value" });

/** A documented JSON response with the schema of its body. */
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body (required: without it, a missing body would skip validation). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** The error responses every staff route can give. */
export const staffErrors = {
  400: problem("Invalid request: `field` names the offending field"),
  401: problem("Missing or bad bearer token"),
  403: problem("The token's role may not do this"),
} as const;

export const BEARER = [{ bearer: [] as string[] }];

/**
 * The problem codes a route may answer, spread into its route config: the operation's
 * `x-problem-codes`. Each registered code's status (errors.ts PROBLEMS) is among the
 * route's documented responses (test/api/openapi.test.ts holds that).
 */
export const answers = (...codes: ErrorCode[]) => ({ "x-problem-codes": codes });

/** The codes behind `staffErrors`, answered by every staff route. */
export const STAFF_CODES = ["invalid_request", "unauthorized", "forbidden"] as const satisfies readonly ErrorCode[];
