/**
 * Fixes that happen outside this service and outside the on-premises directory: at the
 * identity provider a federated domain signs in with, in the mail filter or SMS gateway
 * that swallowed a code, in the Entra portal (the methods-policy migration), in the import
 * that could not read some facts, and the cloud's own retry of a password write. The
 * guidance says who does what, with the user's own facts.
 */
import { computeFacts } from "../diagnosis/facts";
import { UNKNOWN_PATHS } from "../domain/unknown-facts";
import { manualFix, type Runbook, type UserStep, type WaitGuidance } from "./definition";
import { NO_PARAMS } from "./params";
import { RESET_PAGE } from "./user-steps";

const MANUAL = "by a person; this service cannot reach it";

export const resetAtIdentityProvider = manualFix({
  id: "reset_at_identity_provider",
  scope: "user",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): UserStep {
    const domain = ctx.user?.upn.split("@")[1] ?? ctx.tenant.domain;
    const article = ctx.deps.kb.articlesFor("federated_elsewhere")[0];
    return {
      kind: "user_step",
      page: RESET_PAGE,
      url: RESET_PAGE,
      steps: [
        `Accounts of ${domain} sign in at your organization's own sign-in provider, so their passwords are reset there, not here.`,
        "Use that provider's password reset page, or ask its helpdesk.",
      ],
      ...(article ? { article } : {}),
    };
  },
});

export const retryCloudWrite = manualFix({
  id: "retry_cloud_write",
  scope: "user",
  automatic: false,
  params: NO_PARAMS,
  guidance(): WaitGuidance {
    return {
      kind: "wait",
      until: null,
      minutesLeft: null,
      reasons: [],
      steps: [
        "The on-premises directory already has the new password; only the cloud copy failed and is written again by the next sync (within about 30 minutes).",
        "Sign in on-premises with the new password now; sign in to cloud services after the next sync. Do not reset again meanwhile.",
      ],
    };
  },
});

export const checkMailFiltering = manualFix({
  id: "check_mail_filtering",
  scope: "tenant",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): Runbook {
    const failure = ctx.user?.snapshot.delivery?.lastFailure;
    return {
      kind: "runbook",
      automatic: false,
      runnableWhen: MANUAL,
      objects: {},
      steps: [
        ...(failure
          ? [{ action: `The last code by ${failure.method} failed at ${failure.at}: "${failure.reason}"` }]
          : []),
        { action: "Check the mail filter's quarantine and message trace for the code messages, and allow the sender" },
        { action: "Check the SMS provider's delivery report for the number's country and carrier" },
      ],
      verify: ["Send the user a test code; it arrives within a minute."],
    };
  },
});

export const supplyMissingFacts = manualFix({
  id: "supply_missing_facts",
  scope: "user",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): Runbook {
    const unknown = ctx.user?.snapshot.unknown ?? [];
    return {
      kind: "runbook",
      automatic: false,
      runnableWhen: MANUAL,
      objects: {},
      steps: unknown.length
        ? unknown.map((path) => ({
            action: `Read ${path} from ${UNKNOWN_PATHS[path]?.obtain ?? "its source"}, then import again`,
          }))
        : [{ action: "Every fact was read: nothing to supply." }],
      verify: ["Diagnose the user again: insufficient_evidence is gone."],
    };
  },
});

export const completeMethodsMigration = manualFix({
  id: "complete_methods_migration",
  scope: "tenant",
  automatic: false,
  params: NO_PARAMS,
  guidance(ctx): Runbook {
    const state = ctx.user
      ? computeFacts(ctx.user.snapshot).migrationState
      : (ctx.policy.methodsPolicy?.migrationState ?? "migrationComplete");
    return {
      kind: "runbook",
      automatic: false,
      // Migrating means enabling the same methods in the authentication methods policy first;
      // flipping the state here without that would only make our copy lie.
      runnableWhen: MANUAL,
      objects: {},
      steps: [
        { action: `The methods policy migration is "${state}": the legacy SSPR method settings still decide` },
        {
          action:
            "In the Entra portal (Protection → Authentication methods → Policies), enable for the same users every method the legacy SSPR settings allow",
        },
        {
          action: "Set Manage migration to Migration Complete",
          command:
            'PATCH https://graph.microsoft.com/v1.0/policies/authenticationMethodsPolicy { "policyMigrationState": "migrationComplete" }',
        },
      ],
      verify: ["Import the tenant again: legacy_methods_policy is gone."],
    };
  },
});
