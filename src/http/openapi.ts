/**
 * OpenAPI plumbing shared by every route module: the OpenAPIHono factory (whose
 * validation hook throws into app.onError), the problem schema, and the bearer scheme.
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./auth";
import { throwOnInvalid } from "./validate";

export function newRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: (result) => throwOnInvalid(result as never) });
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

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error responses every staff route can give. */
export const staffErrors = {
  400: problem("Invalid request: `field` names the offending field"),
  401: problem("Missing or bad bearer token"),
  403: problem("The token's role may not do this"),
} as const;

export const BEARER = [{ bearer: [] as string[] }];
