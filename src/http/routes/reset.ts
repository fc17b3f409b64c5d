/**
 * The reset API (CONTRACT §3): start, challenge, verify, complete. Handlers only
 * translate HTTP ⇄ flow calls; the flows own every rule.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps";
import { METHODS } from "../../domain/catalogue";
import { complete } from "../../flows/complete";
import { challenge, startReset, verify } from "../../flows/reset";
import { jsonBody, newRouter, problem } from "../openapi";
import { ipOf, localeOf } from "../request-context";

const Method = z.enum(METHODS);
/** The answer to a challenge: a code sent (or not: the same answer when the contact did not match), or the questions. */
const ChallengeSchema = z
  .union([
    z.object({
      method: Method,
      sent: z.literal(true),
      expiresInSeconds: z.number().int(),
      codeLength: z.number().int(),
      to: z.string().optional().openapi({
        description: "Where the code went as the person typed it, masked (the same whether or not it matched)",
      }),
    }),
    z.object({ method: Method, sent: z.literal(false) }),
    z.object({
      method: z.literal("security_questions"),
      questions: z.array(z.object({ id: z.string(), text: z.string() })),
    }),
  ])
  .openapi("Challenge");
const flowErrors = {
  400: problem("Invalid request, or the step failed: `code` is a catalogue finding code, `diagnosisId` a reference id"),
  404: problem("No such flow"),
  409: problem("The flow is in the wrong state"),
  410: problem("The flow expired (15 minutes)"),
  428: problem("proof_of_work_required: solve `proofOfWork` (SHA-256 hashcash) and send the solution as `proof`"),
  429: problem(
    "Throttled: too_many_codes_sent, too_many_failed_verifications, too_many_resets or reset_blocked_temporarily",
  ),
};
const FlowParam = z.object({ flowId: z.string().min(1).max(64) });

const StartBody = z.strictObject({
  login: z.string().trim().min(1).max(320).openapi({ example: "alex.healthy@contoso.example" }),
});
const ChallengeBody = z.strictObject({
  method: Method,
  contact: z
    .string()
    .min(1)
    .max(320)
    .optional()
    .openapi({ description: "The full email address or phone number you registered" }),
  proof: z
    .strictObject({ challenge: z.string().min(1).max(200), nonce: z.string().regex(/^\d{1,12}$/) })
    .optional()
    .openapi({ description: "A solved proof-of-work challenge, when a 428 proof_of_work_required asked for one" }),
});
const VerifyBody = z
  .strictObject({
    method: Method,
    code: z
      .string()
      .trim()
      .regex(/^\d{6,8}$/, "must be the 6 to 8 digits you received")
      .optional(),
    answers: z
      .array(z.strictObject({ questionId: z.string().min(1).max(64), answer: z.string().max(200) }))
      .min(1)
      .max(5)
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.method === "security_questions" && !b.answers)
      ctx.addIssue({ code: "custom", path: ["answers"], message: "required for security_questions" });
    if (b.method !== "security_questions" && b.code === undefined)
      ctx.addIssue({ code: "custom", path: ["code"], message: "required" });
  });
const CompleteBody = z
  .strictObject({ newPassword: z.string().min(1).max(1024).optional(), unlockOnly: z.literal(true).optional() })
  .superRefine((b, ctx) => {
    if ((b.newPassword === undefined) === (b.unlockOnly === undefined)) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "give either newPassword or unlockOnly: true" });
    }
  });

export function resetRoutes(deps: Deps) {
  const app = newRouter();

  app.openapi(
    createRoute({
      method: "post",
      path: "/reset/start",
      tags: ["reset"],
      summary: "Start a reset",
      request: { body: jsonBody(StartBody) },
      responses: {
        200: {
          description: "The flow, and the method types the tenant allows (never the user's own values)",
          content: {
            "application/json": {
              schema: z.object({ flowId: z.string(), methods: z.array(Method), expiresAt: z.string() }),
            },
          },
        },
        400: flowErrors[400],
        403: problem("SSPR cannot work in this domain (sspr_disabled, sspr_scope_empty); the findings say why"),
        429: flowErrors[429],
      },
    }),
    async (c) => c.json(await startReset(deps, c.req.valid("json").login, { ip: ipOf(c), locale: localeOf(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/reset/{flowId}/challenge",
      tags: ["reset"],
      summary: "Ask for a code, or for the questions",
      request: { params: FlowParam, body: jsonBody(ChallengeBody) },
      responses: {
        200: {
          description:
            "Sent (the same answer whether or not the contact matched, with `to`: what was typed, masked), or the questions",
          content: { "application/json": { schema: ChallengeSchema } },
        },
        ...flowErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const input = {
        method: body.method,
        ...(body.contact !== undefined && { contact: body.contact }),
        ...(body.proof && { proof: body.proof }),
      };
      const result = await challenge(deps, c.req.valid("param").flowId, input, { ip: ipOf(c), locale: localeOf(c) });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/reset/{flowId}/verify",
      tags: ["reset"],
      summary: "Prove one method",
      request: { params: FlowParam, body: jsonBody(VerifyBody) },
      responses: {
        200: {
          description: "Verified; how many methods remain",
          content: {
            "application/json": { schema: z.object({ verifiedMethods: z.array(Method), remaining: z.number().int() }) },
          },
        },
        ...flowErrors,
        403: problem("Verified, but a standing blocker stops the reset here; the findings say why"),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const input =
        b.method === "security_questions"
          ? { method: b.method, answers: b.answers! }
          : { method: b.method, code: b.code! };
      return c.json(await verify(deps, c.req.valid("param").flowId, input, { ip: ipOf(c), locale: localeOf(c) }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/reset/{flowId}/complete",
      tags: ["reset"],
      summary: "Set the new password, or unlock only",
      request: { params: FlowParam, body: jsonBody(CompleteBody) },
      responses: {
        200: {
          description: "Done",
          content: {
            "application/json": {
              schema: z.object({
                status: z.enum(["completed", "unlocked"]),
                passwordChanged: z.boolean(),
                unlocked: z.boolean(),
                writeback: z.enum(["written", "not_needed"]),
              }),
            },
          },
        },
        ...flowErrors,
        403: problem("Not possible for this account or policy"),
        502: problem("The on-premises connector failed; nothing was changed"),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const input = b.unlockOnly ? { unlockOnly: true as const } : { newPassword: b.newPassword! };
      return c.json(
        await complete(deps, c.req.valid("param").flowId, input, { ip: ipOf(c), locale: localeOf(c) }),
        200,
      );
    },
  );
  return app;
}
