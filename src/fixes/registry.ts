/**
 * The fix registry: every fix id of the catalogue mapped to its implementation, and the
 * public description of each (title, actor and automatic from FIXES; the findings it
 * addresses derived from FINDINGS; its scope and parameters from the implementation).
 * The mapped type makes a catalogue fix without an implementation a type error.
 */
import { FIXES, isFixId, type Actor, type FindingCode, type FixId } from "../domain/catalogue";
import { assignLicense, clearThrottleFix, enableAccount, unlockAccount } from "./account";
import { addressesOf } from "./addresses";
import type { FixScope, FixSpec } from "./definition";
import { sendRegistrationReminder } from "./messages";
import {
  clearCannotChangePassword,
  grantConnectorPermissions,
  reconnectWriteback,
  resetByOnpremAdmin,
  reviewSharedMethods,
  setMinAgeZero,
} from "./onprem";
import {
  allowMethod,
  allowMoreMethods,
  enableWriteback,
  requireOneMethod,
  requireRegistration,
  setHelpdeskContact,
  setReconfirmDays,
  turnOnNotifications,
} from "./policy";
import { addGroupToSsprScope, addUserToSsprGroup, enableSsprForAll, enableSsprForGroup } from "./scope";
import {
  checkLoginName,
  chooseAnotherPassword,
  confirmMethods,
  registerMethods,
  requestNewCode,
  resetInHomeOrganization,
  retryVerification,
} from "./user-steps";
import { waitUntilUnblocked } from "./wait";
import { enableSsprForAdmins } from "./admin-sspr";
import {
  checkMailFiltering,
  completeMethodsMigration,
  resetAtIdentityProvider,
  retryCloudWrite,
  supplyMissingFacts,
} from "./elsewhere";
import { removeMethods } from "./leavers";
import {
  allowRemoteSamForConnector,
  checkSyncScope,
  enableOnpremAccount,
  fixDuplicateAnchor,
  inspectConnectorLog,
  upgradeDomainControllers,
} from "./onprem-directory";

export const FIX_REGISTRY: { readonly [K in FixId]: FixSpec } = {
  check_login_name: checkLoginName,
  enable_account: enableAccount,
  reset_in_home_organization: resetInHomeOrganization,
  enable_sspr_for_all: enableSsprForAll,
  enable_sspr_for_group: enableSsprForGroup,
  add_group_to_sspr_scope: addGroupToSsprScope,
  add_user_to_sspr_group: addUserToSsprGroup,
  assign_license: assignLicense,
  allow_more_methods: allowMoreMethods,
  require_one_method: requireOneMethod,
  allow_method: allowMethod,
  register_methods: registerMethods,
  send_registration_reminder: sendRegistrationReminder,
  wait_until_unblocked: waitUntilUnblocked,
  clear_throttle: clearThrottleFix,
  retry_verification: retryVerification,
  request_new_code: requestNewCode,
  choose_another_password: chooseAnotherPassword,
  enable_writeback: enableWriteback,
  reconnect_writeback: reconnectWriteback,
  grant_connector_permissions: grantConnectorPermissions,
  clear_cannot_change_password: clearCannotChangePassword,
  reset_by_onprem_admin: resetByOnpremAdmin,
  set_min_age_zero: setMinAgeZero,
  unlock_account: unlockAccount,
  confirm_methods: confirmMethods,
  review_shared_methods: reviewSharedMethods,
  turn_on_notifications: turnOnNotifications,
  require_registration: requireRegistration,
  set_helpdesk_contact: setHelpdeskContact,
  set_reconfirm_days: setReconfirmDays,
  // Version 2
  reset_at_identity_provider: resetAtIdentityProvider,
  enable_sspr_for_admins: enableSsprForAdmins,
  allow_remote_sam_for_connector: allowRemoteSamForConnector,
  upgrade_domain_controllers: upgradeDomainControllers,
  check_sync_scope: checkSyncScope,
  fix_duplicate_anchor: fixDuplicateAnchor,
  enable_onprem_account: enableOnpremAccount,
  inspect_connector_log: inspectConnectorLog,
  retry_cloud_write: retryCloudWrite,
  check_mail_filtering: checkMailFiltering,
  remove_methods: removeMethods,
  supply_missing_facts: supplyMissingFacts,
  complete_methods_migration: completeMethodsMigration,
};

/** A fix as the API lists it. */
export type FixInfo = {
  id: FixId;
  title: string;
  actor: Actor;
  scope: FixScope;
  addresses: FindingCode[];
  automatic: boolean;
  params: Record<string, string>;
};

/**
 * The implementation of a fix id, or undefined for an unknown id.
 *
 * @example
 * findFix("clear_throttle")?.automatic; // true
 */
export function findFix(id: string): FixSpec | undefined {
  return isFixId(id) ? FIX_REGISTRY[id] : undefined;
}

/**
 * The public description of a fix.
 *
 * @example
 * fixInfo("clear_throttle");
 * // { id: "clear_throttle", title: "Clear the throttle and the block", actor: "helpdesk", scope: "user",
 * //   addresses: ["reset_blocked_temporarily", …, "too_many_resets"], automatic: true, params: {} }
 */
export function fixInfo(id: FixId): FixInfo {
  const spec = FIX_REGISTRY[id];
  const def = FIXES[id];
  return {
    id,
    title: def.title,
    actor: def.actor,
    scope: spec.scope,
    addresses: addressesOf(id),
    automatic: def.automatic,
    params: spec.paramsDoc ?? {},
  };
}

/** Every fix, in catalogue order. @example listFixes().length; // 31 */
export function listFixes(): FixInfo[] {
  return (Object.keys(FIXES) as FixId[]).map(fixInfo);
}
