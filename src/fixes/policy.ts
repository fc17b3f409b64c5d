/**
 * Policy fixes: tenant-wide changes to the SSPR policy — which methods are allowed and
 * how many are required, notifications, registration enforcement and reconfirmation,
 * the helpdesk contact, and password writeback. Each changes every user of the tenant,
 * so its preview carries the what-if impact.
 */
import { z } from "zod";
import { markConnectorConfigured } from "../db/connectors";
import type { Method } from "../domain/catalogue";
import { policyMethodOf } from "../domain/methods";
import { automaticFix, type FixContext, type Plan } from "./definition";
import { MethodList, NO_PARAMS } from "./params";
import { policyPlan } from "./policy-change";
import { connectorRow } from "./state";

/** Added in this order by allow_more_methods: the methods nearly everyone has. */
const WIDELY_HELD: readonly Method[] = ["mobile_sms", "email", "authenticator_code"];

/**
 * The allowed methods after allow_more_methods' default: widely held methods are added
 * until the policy allows at least as many as it requires, and something other than
 * security questions (questions alone are the weakest policy there is).
 *
 * @example
 * moreMethodsAllowed(["email"], 2); // ["email", "mobile_sms"]
 * moreMethodsAllowed(["security_questions"], 1); // ["security_questions", "mobile_sms"]
 */
export function moreMethodsAllowed(allowed: readonly Method[], required: number): Method[] {
  const out = [...new Set(allowed)];
  const enough = () => out.length >= required && out.some((m) => m !== "security_questions");
  for (const m of WIDELY_HELD) {
    if (enough()) break;
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

const MethodsParams = z.strictObject({ methods: MethodList.optional() });
type MethodsParams = z.output<typeof MethodsParams>;

const withAdded = (allowed: readonly Method[], add: readonly Method[]) => [...new Set([...allowed, ...add])];

export const allowMoreMethods = automaticFix<MethodsParams>({
  id: "allow_more_methods",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: MethodsParams,
  paramsDoc: {
    methods:
      "methods to allow in addition (default: SMS, email, authenticator code until the policy allows as many as it requires)",
  },
  plan(ctx) {
    const allowed = ctx.params.methods
      ? withAdded(ctx.policy.methodsAllowed, ctx.params.methods)
      : moreMethodsAllowed(ctx.policy.methodsAllowed, ctx.policy.methodsRequired);
    const added = allowed.filter((m) => !ctx.policy.methodsAllowed.includes(m));
    return policyPlan(ctx.tenant.id, ctx.policy, { methodsAllowed: allowed }, { methods: added }, ctx.now);
  },
});

export const requireOneMethod = automaticFix({
  id: "require_one_method",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan: (ctx): Plan => policyPlan(ctx.tenant.id, ctx.policy, { methodsRequired: 1 }, {}, ctx.now),
});

/** Method types registered by the user (or, tenant-wide, by users with registered_methods_not_allowed) that the policy does not allow. */
function registeredButNotAllowed(ctx: FixContext<MethodsParams>): Method[] {
  const snapshots = ctx.user
    ? [ctx.user.snapshot]
    : ctx
        .tenantUsers()
        .map((u) => u.snapshot)
        .filter((s) => ctx.codesOf(s).includes("registered_methods_not_allowed"));
  const out = new Set<Method>();
  for (const s of snapshots)
    for (const m of s.methods)
      if (!ctx.policy.methodsAllowed.includes(policyMethodOf(m.type))) out.add(policyMethodOf(m.type));
  return [...out];
}

export const allowMethod = automaticFix<MethodsParams>({
  id: "allow_method",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: MethodsParams,
  paramsDoc: { methods: "method(s) to allow (default: the user's registered methods the policy does not allow)" },
  plan(ctx) {
    const add = ctx.params.methods ?? registeredButNotAllowed(ctx);
    const allowed = withAdded(ctx.policy.methodsAllowed, add);
    return policyPlan(ctx.tenant.id, ctx.policy, { methodsAllowed: allowed }, { methods: add }, ctx.now);
  },
});

export const turnOnNotifications = automaticFix({
  id: "turn_on_notifications",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan: (ctx): Plan =>
    policyPlan(ctx.tenant.id, ctx.policy, { notifications: { notifyUserOnReset: true } }, {}, ctx.now),
});

export const requireRegistration = automaticFix({
  id: "require_registration",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan: (ctx): Plan => policyPlan(ctx.tenant.id, ctx.policy, { registration: { requireAtSignIn: true } }, {}, ctx.now),
});

const HelpdeskParams = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
      .max(2048)
      .optional(),
    email: z.email({ error: "expected an email address" }).max(320).optional(),
  })
  .refine((p) => p.url !== undefined || p.email !== undefined, {
    message: "give url or email (or both)",
    path: ["url"],
  });

export const setHelpdeskContact = automaticFix<z.output<typeof HelpdeskParams>>({
  id: "set_helpdesk_contact",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: HelpdeskParams,
  paramsDoc: { url: "helpdesk page, http(s) (url or email required)", email: "helpdesk mailbox" },
  plan(ctx) {
    const helpdesk = {
      ...(ctx.params.url ? { url: ctx.params.url } : {}),
      ...(ctx.params.email ? { email: ctx.params.email } : {}),
    };
    return policyPlan(ctx.tenant.id, ctx.policy, { helpdesk }, helpdesk, ctx.now);
  },
});

/** 180 days: the default of a new tenant, and about how often people change phones or mailboxes. */
export const DEFAULT_RECONFIRM_DAYS = 180;
const ReconfirmParams = z.strictObject({ days: z.number().int().min(1).max(730).optional() });

export const setReconfirmDays = automaticFix<z.output<typeof ReconfirmParams>>({
  id: "set_reconfirm_days",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: ReconfirmParams,
  paramsDoc: { days: `1..730 (default ${DEFAULT_RECONFIRM_DAYS})` },
  plan(ctx) {
    const days = ctx.params.days ?? DEFAULT_RECONFIRM_DAYS;
    return policyPlan(ctx.tenant.id, ctx.policy, { registration: { reconfirmDays: days } }, { days }, ctx.now);
  },
});

export const enableWriteback = automaticFix({
  id: "enable_writeback",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx) {
    const plan = policyPlan(ctx.tenant.id, ctx.policy, { onPremises: { writebackEnabled: true } }, {}, ctx.now);
    const connector = connectorRow(ctx.deps.db, ctx.tenant.id);
    if (connector?.configured) return plan;
    // Writeback needs both the policy switch and a registered connector; once registered,
    // the connector's heartbeat tells the diagnosis whether it is really there.
    return {
      ...plan,
      policyOverride: undefined,
      changes: [
        ...plan.changes,
        { entity: "writeback_connector", key: ctx.tenant.id, field: "configured", before: false, after: true },
      ],
      write(tx) {
        plan.write(tx);
        markConnectorConfigured(tx, ctx.tenant.id);
      },
    };
  },
});
