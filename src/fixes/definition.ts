/**
 * What a fix is: a named action from the catalogue (FIXES) that either changes the
 * database — previewed as exact `{ entity, key, field, before, after }` changes, then
 * written in one transaction and proved by a re-diagnosis — or, when this service cannot
 * carry it out itself, leads the right person to it (a user step, a wait, a runbook).
 * The family modules (scope, account, policy, messages, user-steps, wait, onprem)
 * implement these shapes; the runner and the HTTP routes only ever see them.
 */
import type { z } from "zod";
import type { Store } from "../db/client";
import type { LoadedSnapshot } from "../db/snapshots";
import type { Deps } from "../deps";
import type { OutgoingMail } from "../delivery/mailer";
import type { FindingCode, FixId } from "../domain/catalogue";
import type { Policy, PolicyOverride, Snapshot } from "../domain/snapshot";
import type { TenantRef } from "../db/tenants";

/** user: changes one person's rows; tenant: changes the tenant (policy, connector) for everyone in it. */
export type FixScope = "user" | "tenant";

/** The logical thing a change touches (named after the table that stores it). */
export type ChangeEntity = "policy" | "user" | "group_membership" | "throttle" | "writeback_connector" | "message";

/** One exact change: what the preview shows and the apply writes. */
export type Change = { entity: ChangeEntity; key: string; field: string; before: unknown; after: unknown };

/** The person a fix is for, with their stored state as a snapshot. */
export type TargetUser = { id: string; upn: string; displayName: string; roles: string[]; snapshot: Snapshot };

export type FixContext<P> = {
  deps: Deps;
  now: Date;
  tenant: TenantRef;
  /** The tenant's policy as stored now. */
  policy: Policy;
  /** Absent when a tenant-wide fix is aimed at the whole tenant. */
  user?: TargetUser;
  /** Validated parameters, defaults not yet applied (the plan resolves them from the state). */
  params: P;
  /** Every user of the tenant, loaded once on first call (tenant-wide defaults and proofs). */
  tenantUsers(): LoadedSnapshot[];
  /** Finding codes of a snapshot through the compiled rules (synchronous). */
  codesOf(snapshot: Snapshot): FindingCode[];
};

/** What applying would do, computed from the current state; `write` performs exactly `changes`. */
export type Plan = {
  changes: Change[];
  write(tx: Store): void;
  /** The parameters with their defaults resolved, as they will be used. */
  params: Record<string, unknown>;
  /** The same change as a what-if policy override, when it is a pure policy change. */
  policyOverride?: PolicyOverride;
  /** Messages to send once the transaction has committed. */
  messages?: OutgoingMail[];
  /** Set when the finding is there but this fix must not run now (e.g. a reminder went out an hour ago). */
  refusal?: { reason: string; detail: string };
};

/** A step the person does themselves, on one of our pages. */
export type UserStep = {
  kind: "user_step";
  /** The page that does it, e.g. `/register`. */
  page: string;
  /** The page with the sign-in name filled in. */
  url: string;
  steps: string[];
  article?: { slug: string; title: string; url: string };
};

/** Nothing to do but wait: until when, and why (computed from the stored facts). */
export type WaitGuidance = {
  kind: "wait";
  /** When the last standing reason ends; null when nothing is holding the user back. */
  until: string | null;
  minutesLeft: number | null;
  reasons: { code: FindingCode; until: string; why: string }[];
  steps: string[];
};

/** Work for someone with rights in the on-premises directory (or a manual admin review). */
export type Runbook = {
  kind: "runbook";
  /** Always false: we cannot run it until the LDAP connector exists. */
  automatic: false;
  runnableWhen: string;
  /** The directory objects concerned. */
  objects: { dn?: string; ou?: string; serviceAccount?: string; samAccountName?: string };
  steps: { action: string; permission?: string; on?: string; flag?: string; command?: string }[];
  verify: string[];
};

export type Guidance = UserStep | WaitGuidance | Runbook;

type FixBase<P> = {
  id: FixId;
  scope: FixScope;
  /** A strict zod object: unknown parameters are refused with their name. */
  params: z.ZodType<P>;
  /** One line per parameter, for the fix list and the CLI help. */
  paramsDoc?: Record<string, string>;
};

export type AutomaticFix<P = unknown> = FixBase<P> & {
  automatic: true;
  /** finding_cleared: the addressed findings must be gone after; message_sent: the message is the fix (the user still has to act). */
  proof: "finding_cleared" | "message_sent";
  plan(ctx: FixContext<P>): Plan;
  /** Work outside our database that must succeed before the transaction (e.g. the connector's unlock). */
  external?(ctx: FixContext<P>): Promise<void>;
};

export type ManualFix<P = unknown> = FixBase<P> & {
  automatic: false;
  guidance(ctx: FixContext<P>): Guidance;
};

export type FixSpec = AutomaticFix | ManualFix;

/**
 * Erase a fix's parameter type for the registry: the runner parses `params` with the
 * fix's own schema before calling it, so the value always has the declared shape.
 *
 * @example
 * export const enableAccount = automaticFix({ id: "enable_account", scope: "user", automatic: true, … });
 */
export function automaticFix<P>(spec: AutomaticFix<P>): AutomaticFix {
  return spec as unknown as AutomaticFix;
}

/** The ManualFix twin of `automaticFix`. @example manualFix({ id: "register_methods", … }) */
export function manualFix<P>(spec: ManualFix<P>): ManualFix {
  return spec as unknown as ManualFix;
}
