/**
 * Scope fixes: who self-service password reset applies to. Turning it on for everyone
 * or for a group, adding a group to an empty selection (tenant-wide policy changes), and
 * adding one user to a group that is in scope (a membership row).
 */
import { z } from "zod";
import { addGroupMember } from "../db/groups";
import { AppError } from "../errors";
import { automaticFix, type FixContext, type Plan } from "./definition";
import { GroupId, NO_PARAMS } from "./params";
import { policyPlan } from "./policy-change";
import { directGroupIds, tenantGroups } from "./state";

const GroupParams = z.strictObject({ group: GroupId.optional() });
type GroupParams = z.output<typeof GroupParams>;

/** A group id given as a parameter must be one of the tenant's groups. */
function checkedGroup(ctx: FixContext<unknown>, group: string): string {
  if (!tenantGroups(ctx.deps.db, ctx.tenant.id).some((g) => g.id === group)) {
    throw new AppError(400, "invalid_request", `params.group: "${group}" is not a group of ${ctx.tenant.domain}.`, {
      field: "params.group",
    });
  }
  return group;
}

/**
 * The group to put in scope: the one asked for, else a group the user is in (direct
 * first), else the tenant's first group.
 *
 * @example
 * defaultScopeGroup(ctx); // "grp-tailspin-sspr-users"
 */
export function defaultScopeGroup(ctx: FixContext<GroupParams>): string {
  if (ctx.params.group) return checkedGroup(ctx, ctx.params.group);
  const own = ctx.user
    ? [...directGroupIds(ctx.deps.db, ctx.user.id), ...ctx.user.snapshot.user!.groups.map((g) => g.id)]
    : [];
  const first = own[0] ?? tenantGroups(ctx.deps.db, ctx.tenant.id)[0]?.id;
  if (!first)
    throw new AppError(
      409,
      "fix_not_applicable",
      `${ctx.tenant.domain} has no groups to put in scope; create one first.`,
      { field: "params.group" },
    );
  return first;
}

export const enableSsprForAll = automaticFix({
  id: "enable_sspr_for_all",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan: (ctx): Plan => policyPlan(ctx.tenant.id, ctx.policy, { enablement: "all" }, {}, ctx.now),
});

export const enableSsprForGroup = automaticFix<GroupParams>({
  id: "enable_sspr_for_group",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: GroupParams,
  paramsDoc: { group: "group id to enable SSPR for (default: a group the user is in, else the tenant's first group)" },
  plan(ctx) {
    const group = defaultScopeGroup(ctx);
    const selected = ctx.policy.selectedGroups.includes(group)
      ? ctx.policy.selectedGroups
      : [...ctx.policy.selectedGroups, group];
    return policyPlan(
      ctx.tenant.id,
      ctx.policy,
      { enablement: "selected", selectedGroups: selected },
      { group },
      ctx.now,
    );
  },
});

export const addGroupToSsprScope = automaticFix<GroupParams>({
  id: "add_group_to_sspr_scope",
  scope: "tenant",
  automatic: true,
  proof: "finding_cleared",
  params: GroupParams,
  paramsDoc: {
    group: "group id to add to the selection (default: a group the user is in, else the tenant's first group)",
  },
  plan(ctx) {
    const group = defaultScopeGroup(ctx);
    const selected = ctx.policy.selectedGroups.includes(group)
      ? ctx.policy.selectedGroups
      : [...ctx.policy.selectedGroups, group];
    return policyPlan(ctx.tenant.id, ctx.policy, { selectedGroups: selected }, { group }, ctx.now);
  },
});

export const addUserToSsprGroup = automaticFix<GroupParams>({
  id: "add_user_to_sspr_group",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: GroupParams,
  paramsDoc: { group: "group id to add the user to (default: the first group selected for SSPR)" },
  plan(ctx) {
    const user = ctx.user!;
    const group = ctx.params.group ? checkedGroup(ctx, ctx.params.group) : ctx.policy.selectedGroups[0];
    if (!group) {
      throw new AppError(
        409,
        "fix_not_applicable",
        `${ctx.tenant.domain} selects no group for SSPR; run add_group_to_sspr_scope first.`,
        { field: "params.group" },
      );
    }
    const before = directGroupIds(ctx.deps.db, user.id);
    if (before.includes(group)) return { changes: [], params: { group }, write() {} };
    return {
      params: { group },
      changes: [{ entity: "group_membership", key: user.id, field: "groups", before, after: [...before, group] }],
      write(tx) {
        addGroupMember(tx, group, user.id);
      },
    };
  },
});
