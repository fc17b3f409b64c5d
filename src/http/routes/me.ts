/**
 * The signed-in user's API (`/api/v1/me…`): sign-in and sign-out with a session cookie,
 * the registration status, and registering security info — methods, security
 * questions, reconfirmation. Handlers only translate HTTP ⇄ flow calls. Two guards sit
 * in front: CSRF protection for every unsafe method (the cookie is sent by the browser
 * on its own, so the request itself must prove it came from our pages) and the session
 * check (401 `unauthorized` without a live session).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../../deps";
import { METHODS } from "../../domain/catalogue";
import { addMethod, verifyMethod } from "../../flows/enrolment";
import { confirmRegistration, listMethods, registrationFor, removeMethod } from "../../flows/registration";
import { listSecurityQuestions, setSecurityQuestions } from "../../flows/registration-questions";
import { finishStepUp, startStepUp } from "../../flows/step-up";
import {
  lookupSession,
  SESSION_COOKIE,
  SESSION_TTL_HOURS,
  signIn,
  signInWithPass,
  signOut,
  type SessionUser,
} from "../../flows/session";
import { csrfGuard } from "../csrf";
import { jsonBody, newRouter, problem } from "../openapi";
import { ipOf, localeOf, sessionCookieOptions } from "../request-context";
import { requireSession, sessionOf, type MeEnv } from "../session";

const Method = z.enum(METHODS);
const ok = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});
const SESSION = [{ session: [] as string[] }];
const meErrors = {
  400: problem("Invalid request: `field` names the offending field"),
  401: problem("No valid session cookie (`unauthorized`)"),
  403: problem(
    "Refused as a possible cross-site request (`csrf_rejected`), or a change that needs a step-up first (`step_up_required`, with `methods` to prove)",
  ),
  429: problem(
    "Too many steps: `too_many_registration_changes`, `too_many_codes_sent` or `too_many_failed_verifications`",
  ),
};

const RegistrationSchema = z
  .object({
    required: z.boolean().openapi({
      description: "Whether sign-in should stop here until the user registers or reconfirms (the policy enforces it)",
    }),
    due: z.enum(["none", "register", "reconfirm"]),
    reason: z.enum(["up_to_date", "not_in_scope", "methods_missing", "reconfirm_overdue", "never_confirmed"]),
    message: z.string().openapi({ description: "The reason as a sentence in the request's locale" }),
    methodsRequired: z.number().int(),
    usableMethods: z.array(Method).openapi({ description: "The distinct method types the user can reset with today" }),
    lastConfirmedAt: z.string().nullable(),
    reconfirmBy: z.string().nullable(),
  })
  .openapi("RegistrationStatus");
const StepUpBody = z.strictObject({ methodId: z.string().min(1).max(64) });
const StepUpVerifyBody = z.strictObject({
  methodId: z.string().min(1).max(64),
  code: z
    .string()
    .trim()
    .regex(/^\d{6,8}$/, "must be the 6 to 8 digits you received"),
});
const UserSchema = z.object({ upn: z.string(), displayName: z.string() });
const SignedInSchema = z.object({ user: UserSchema, registration: RegistrationSchema, expiresAt: z.string() });
const MethodViewSchema = z
  .object({
    id: z.string(),
    type: Method,
    value: z
      .string()
      .nullable()
      .openapi({ description: "Masked: `a***@home.example`, `+371 ••••• 012`; null for authenticators and questions" }),
    verified: z.boolean(),
    usable: z.boolean(),
    issues: z.array(z.enum(["not_allowed", "unverified", "invalid_value", "incomplete"])),
    registeredAt: z.string(),
    questionsAnswered: z.number().int().optional(),
  })
  .openapi("RegisteredMethod");
const IdParam = z.object({ id: z.string().min(1).max(64) });

const SignInBody = z.strictObject({
  login: z.string().trim().min(1).max(320).openapi({ example: "alex.healthy@contoso.example" }),
  password: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024).optional().openapi({
    description: "Only after a helpdesk temporary password (403 password_change_required): the new password",
  }),
});
const PassSignInBody = z.strictObject({
  login: z.string().trim().min(1).max(320).openapi({ example: "nina.noreg@contoso.example" }),
  pass: z.string().min(1).max(200).openapi({ description: "the helpdesk's registration pass" }),
});
const AddMethodBody = z.strictObject({
  type: Method,
  value: z
    .string()
    .max(320)
    .optional()
    .openapi({ description: "Email address or phone number with country code; not for authenticator_code" }),
});
const VerifyBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6,8}$/, "must be the 6 to 8 digits you received or your app shows"),
});
const QuestionsBody = z.strictObject({
  answers: z
    .array(z.strictObject({ questionId: z.string().min(1).max(64), answer: z.string().max(200) }))
    .min(1)
    .max(20),
});

export function meRoutes(deps: Deps) {
  const app = newRouter<MeEnv>();
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
  });

  const sessionRequired = requireSession(deps);
  // CSRF before anything else (sign-in included: a forged sign-in would plant the attacker's session).
  app.use("/me/*", csrfGuard);
  for (const path of [
    "/me",
    "/me/methods",
    "/me/methods/*",
    "/me/security-questions",
    "/me/confirm",
    "/me/step-up",
    "/me/step-up/*",
  ])
    app.use(path, sessionRequired);
  const ctx = (c: Context) => ({ ip: ipOf(c), locale: localeOf(c) });
  /** Both ways of signing in end alike: the session cookie, and who is signed in with what is due. */
  const signedIn = (c: Context, { token, session }: { token: string; session: SessionUser }) => {
    setCookie(c, SESSION_COOKIE, token, { ...sessionCookieOptions(c), maxAge: SESSION_TTL_HOURS * 3600 });
    return {
      user: { upn: session.upn, displayName: session.displayName },
      registration: registrationFor(deps, session, localeOf(c)),
      expiresAt: session.expiresAt,
    };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/sign-in",
      tags: ["me"],
      summary: "Sign in with login and password",
      description: `Sets the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Lax, Secure over https) for ${SESSION_TTL_HOURS} hours. An unknown login, a wrong password and a disabled account all answer the same 401.`,
      request: { body: jsonBody(SignInBody) },
      responses: {
        200: ok("Signed in; whether registration or reconfirmation is due", SignedInSchema),
        400: meErrors[400],
        401: problem("`invalid_credentials`: the same body whatever was wrong"),
        403: meErrors[403],
        429: problem(
          "`too_many_sign_in_attempts`; `too_many_password_choices` (with `retryAt`) when too many new passwords chosen after a temporary one were refused",
        ),
      },
    }),
    async (c) => c.json(signedIn(c, await signIn(deps, c.req.valid("json"), ctx(c))), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/sign-in/pass",
      tags: ["me"],
      summary: "Sign in once with a helpdesk registration pass, to register security info",
      description:
        "The pass works once and until it expires; unknown, used, expired or another user's all answer the same 401.",
      request: { body: jsonBody(PassSignInBody) },
      responses: {
        200: ok("Signed in; whether registration or reconfirmation is due", SignedInSchema),
        400: meErrors[400],
        401: problem("`invalid_credentials`: the same body whatever was wrong"),
        403: meErrors[403],
      },
    }),
    async (c) => c.json(signedIn(c, await signInWithPass(deps, c.req.valid("json"), ctx(c))), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/sign-out",
      tags: ["me"],
      summary: "Sign out (revoke the session)",
      responses: {
        204: { description: "Signed out; the cookie is cleared (also when there was no live session)" },
        403: meErrors[403],
      },
    }),
    (c) => {
      const session = lookupSession(deps, getCookie(c, SESSION_COOKIE));
      if (session) signOut(deps, session, ctx(c));
      deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(c));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["me"],
      summary: "Who I am, and whether registration or reconfirmation is due",
      security: SESSION,
      responses: {
        200: ok(
          "The user and their registration status",
          z.object({ user: UserSchema, registration: RegistrationSchema }),
        ),
        401: meErrors[401],
      },
    }),
    (c) => {
      const session = sessionOf(c);
      return c.json(
        {
          user: { upn: session.upn, displayName: session.displayName },
          registration: registrationFor(deps, session, localeOf(c)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/me/methods",
      tags: ["me"],
      summary: "My registered methods (values masked)",
      security: SESSION,
      responses: {
        200: ok(
          "Methods, the types I may add, and how many are required",
          z.object({
            methods: z.array(MethodViewSchema),
            allowedTypes: z.array(Method),
            methodsRequired: z.number().int(),
          }),
        ),
        401: meErrors[401],
      },
    }),
    (c) => c.json(listMethods(deps, sessionOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/methods",
      tags: ["me"],
      summary: "Add a method (a code is sent to it, or an authenticator secret is returned once)",
      security: SESSION,
      request: { body: jsonBody(AddMethodBody) },
      responses: {
        201: ok(
          "Added, unverified: verify it with POST /me/methods/{id}/verify",
          z.object({
            method: MethodViewSchema,
            codeSent: z
              .object({
                to: z.string(),
                channel: z.enum(["email", "sms", "voice"]),
                expiresInSeconds: z.number().int(),
                codeLength: z.number().int(),
              })
              .optional(),
            secret: z
              .string()
              .optional()
              .openapi({ description: "authenticator_code: the base32 secret, shown this once" }),
            otpauthUri: z.string().optional(),
          }),
        ),
        ...meErrors,
        409: problem("`method_exists` or `too_many_methods`"),
      },
    }),
    async (c) => c.json(await addMethod(deps, sessionOf(c), c.req.valid("json"), ctx(c)), 201),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/step-up",
      tags: ["me"],
      summary: "Prove an existing method again before changing security info: send it a code",
      security: SESSION,
      request: { body: jsonBody(StepUpBody) },
      responses: {
        200: ok(
          "The code is on its way (nothing is sent for an authenticator: use its current code)",
          z.object({
            method: MethodViewSchema,
            codeSent: z
              .object({ to: z.string(), expiresInSeconds: z.number().int(), codeLength: z.number().int() })
              .optional(),
          }),
        ),
        ...meErrors,
        404: problem("`method_not_found`: not one of your usable methods"),
      },
    }),
    async (c) => c.json(await startStepUp(deps, sessionOf(c), c.req.valid("json").methodId, ctx(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/step-up/verify",
      tags: ["me"],
      summary: "Check the step-up code: changes to security info are allowed for 10 minutes",
      security: SESSION,
      request: { body: jsonBody(StepUpVerifyBody) },
      responses: {
        200: ok("Stepped up", z.object({ elevatedUntil: z.string() })),
        ...meErrors,
        404: problem("`method_not_found`"),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      return c.json(await finishStepUp(deps, sessionOf(c), b.methodId, b.code, ctx(c)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/methods/{id}/verify",
      tags: ["me"],
      summary: "Prove a method with the code it received (or a current authenticator code)",
      security: SESSION,
      request: { params: IdParam, body: jsonBody(VerifyBody) },
      responses: {
        200: ok("Verified", z.object({ method: MethodViewSchema, registration: RegistrationSchema })),
        ...meErrors,
        404: problem("`method_not_found`"),
        409: problem("`method_already_verified`"),
      },
    }),
    async (c) =>
      c.json(await verifyMethod(deps, sessionOf(c), c.req.valid("param").id, c.req.valid("json").code, ctx(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/me/methods/{id}",
      tags: ["me"],
      summary: "Remove a method (always allowed; warns when you can no longer reset)",
      security: SESSION,
      request: { params: IdParam },
      responses: {
        200: ok(
          "Removed",
          z.object({
            removed: z.object({ id: z.string(), type: Method }),
            registration: RegistrationSchema,
            warning: z.object({ code: z.string(), detail: z.string(), findings: z.array(z.string()) }).optional(),
          }),
        ),
        ...meErrors,
        404: problem("`method_not_found`"),
      },
    }),
    (c) => c.json(removeMethod(deps, sessionOf(c), c.req.valid("param").id, ctx(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/me/security-questions",
      tags: ["me"],
      summary: "The predefined questions in my language, and which I answered (never the answers)",
      security: SESSION,
      responses: {
        200: ok(
          "The questions",
          z.object({
            questions: z.array(z.object({ id: z.string(), text: z.string(), answered: z.boolean() })),
            allowed: z.boolean(),
            minAnswers: z.number().int(),
            maxAnswers: z.number().int(),
            minAnswerLength: z.number().int(),
          }),
        ),
        401: meErrors[401],
      },
    }),
    (c) => c.json(listSecurityQuestions(deps, sessionOf(c), localeOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/me/security-questions",
      tags: ["me"],
      summary: "Replace all my security answers",
      security: SESSION,
      request: { body: jsonBody(QuestionsBody) },
      responses: {
        200: ok(
          "Saved (as hashes only)",
          z.object({ answered: z.array(z.string()), registration: RegistrationSchema }),
        ),
        ...meErrors,
      },
    }),
    async (c) => c.json(await setSecurityQuestions(deps, sessionOf(c), c.req.valid("json").answers, ctx(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/me/confirm",
      tags: ["me"],
      summary: "Confirm my security info is still right (reconfirmation)",
      security: SESSION,
      responses: {
        200: ok("Confirmed", z.object({ registration: RegistrationSchema })),
        ...meErrors,
        409: problem("`registration_incomplete`: fewer usable methods than required"),
      },
    }),
    (c) => c.json(confirmRegistration(deps, sessionOf(c), ctx(c)), 200),
  );

  return app;
}
