/**
 * OpenAPI plumbing shared by every route module: the OpenAPIHono factory (whose
 * validation hook throws into app.onError), the problem schema, and the bearer scheme.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env } from "hono";
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

/** A documented JSON response; without a schema, an object whose shape the description gives. */
export const jsonResponse = (description: string, schema: z.ZodType = z.object({}).passthrough()) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body (required: without it, a missing body would skip validation). */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { "application/json": { schema } } });

/** The error responses every staff route can give. */
export const staffErrors = {
  400: problem("Invalid request: `field` names the offending field"),
  401: problem("Missing or bad bearer token"),
  403: problem("The token's role may not do this"),
} as const;

export const BEARER = [{ bearer: [] as string[] }];
