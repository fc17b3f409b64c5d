/**
 * Leavers: a disabled account whose security info is still registered keeps recovery
 * channels (a phone, a private mailbox) that someone else may now hold, and a re-enabled
 * account would reset through them. Removing them is a change to our own rows — the
 * methods and the hashed security answers — proved by methods_kept_after_leave clearing.
 */
import { removeSecurityInfo, securityInfoOf } from "../db/leavers";
import { automaticFix, type Change, type Plan } from "./definition";
import { NO_PARAMS } from "./params";

export const removeMethods = automaticFix({
  id: "remove_methods",
  scope: "user",
  automatic: true,
  proof: "finding_cleared",
  params: NO_PARAMS,
  plan(ctx): Plan {
    const user = ctx.user!;
    const { methods: rows, answers } = securityInfoOf(ctx.deps.db, user.id);
    // Only a leaver's: an enabled account's methods are how its owner resets.
    if (user.snapshot.user?.enabled !== false)
      return {
        changes: [],
        params: {},
        write() {},
        refusal: {
          reason: "account_enabled",
          detail: `${user.upn} is enabled: their security info is how they reset, so it stays.`,
        },
      };
    const changes: Change[] = [
      ...rows.map((m): Change => ({
        entity: "user",
        key: user.id,
        field: `methods.${m.id}`,
        before: m.value === null ? m.type : `${m.type} ${m.value}`,
        after: null,
      })),
      ...(answers
        ? [{ entity: "user", key: user.id, field: "securityAnswers", before: answers, after: 0 } satisfies Change]
        : []),
    ];
    return {
      params: {},
      changes,
      write: (tx) => removeSecurityInfo(tx, user.id),
    };
  },
});
