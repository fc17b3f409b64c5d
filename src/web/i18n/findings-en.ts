/**
 * English person-facing titles and explanations of every finding, catalogue v1 and v2,
 * shown on /reset and /register. They are not the engine's texts (rules/*.json), which
 * carry one user's actual values — group ids, policy switches, minutes as decimals — and
 * are written for staff; these say in plain words what happened and what the reader can
 * do, naming only the catalogue's fixed limits. Findings a user can see speak to that
 * user ("you"); staff-only ones speak to an administrator. Public findings never say
 * whether the account exists. Keyed by code string so that codes the catalogue does not
 * know yet (v2) already have their words; a test holds every catalogue code to one.
 */
export type PersonText = { title: string; explanation: string };

export const FINDINGS_EN: Readonly<Record<string, PersonText>> = {
  // ---- Blockers, in catalogue order
  account_not_found: {
    title: "Check the sign-in name you typed",
    explanation:
      "We cannot continue with that sign-in name. Check that you typed all of it, including the part after @, without typing mistakes, and that it is your work or school account — then try again.",
  },
  account_disabled: {
    title: "Your account is turned off",
    explanation:
      "An administrator has turned off (disabled) your account, and a disabled account's password cannot be reset. Only your helpdesk can turn it on again.",
  },
  guest_account: {
    title: "Reset your password in your home organization",
    explanation:
      "You are a guest here: your password belongs to the organization that gave you your account. Reset it there, or ask that organization's helpdesk.",
  },
  federated_elsewhere: {
    title: "Your password is managed by another sign-in service",
    explanation:
      'Your organization signs you in through a separate sign-in service, so your password has to be reset there, not here. Use that service\'s own "forgot password" page, or ask your helpdesk where it is.',
  },
  sspr_disabled: {
    title: "Self-service password reset is turned off",
    explanation:
      "Your organization has not turned on self-service password reset, so you cannot reset your password here. Your helpdesk can reset it for you.",
  },
  admin_sspr_off: {
    title: "Administrators cannot reset their own password here",
    explanation:
      "You hold an administrator role, and your organization has turned self-service password reset off for administrators. Another administrator or your helpdesk can reset it for you.",
  },
  sspr_scope_empty: {
    title: "Self-service password reset is not available to anyone yet",
    explanation:
      "Your organization allowed password reset only for chosen groups, but has not chosen any group yet. Your helpdesk can reset your password for you.",
  },
  user_not_in_sspr_scope: {
    title: "Self-service password reset is not turned on for your account",
    explanation:
      "Your organization allows password reset only for certain groups, and your account is not in any of them. Your helpdesk can reset your password, or add you to one of those groups.",
  },
  no_license: {
    title: "The user has no licence for self-service password reset",
    explanation:
      "Self-service password reset needs a licence, and this account has none that includes it. Assign the user a licence that includes password reset.",
  },
  license_lacks_writeback: {
    title: "The user's licence does not include password writeback",
    explanation:
      "The account comes from the on-premises directory, so a new password must be written back there, which needs a P1 or P2 licence. Assign the user one of them.",
  },
  policy_requires_more_methods_than_allowed: {
    title: "The policy requires more methods than it allows",
    explanation:
      "The number of methods needed to reset is larger than the number of methods allowed, so no ordinary user can reset. Allow more methods, or require just one.",
  },
  not_registered: {
    title: "You have not registered any security info",
    explanation:
      "There is nothing registered to prove it is you. If you can still sign in, register a phone number, an email address or an authenticator app now; if you cannot, your helpdesk can help.",
  },
  admin_security_questions_only: {
    title: "As an administrator you cannot reset with security questions",
    explanation:
      "You hold an administrator role, and administrators may never use security questions. Sign in and register two other methods, for example an authenticator app and a mobile phone number.",
  },
  registered_methods_not_allowed: {
    title: "None of your registered methods is allowed",
    explanation:
      "You have registered some methods, but your organization does not allow any of them right now. Sign in and register one of the allowed methods.",
  },
  security_questions_incomplete: {
    title: "Too few security questions answered",
    explanation:
      "A reset needs answers to more security questions than you have registered, and you have no other methods to make up for it. Sign in and answer more questions, or add another method.",
  },
  method_value_invalid: {
    title: "A registered phone number or email address is not valid",
    explanation:
      "One of your phone numbers or email addresses is not written correctly, so no code can be sent to it. Sign in and correct it on the security info page (write phone numbers with the country code, such as +371).",
  },
  method_unverified: {
    title: "One of your methods was never confirmed",
    explanation:
      "You added a method but did not finish confirming it, so it does not count for a reset and you have too few methods. Sign in and finish confirming it on the security info page.",
  },
  admin_needs_two_methods: {
    title: "As an administrator you need two methods",
    explanation:
      "You hold an administrator role, so a password reset always needs two working methods, and you have fewer. Sign in and add another method, ideally a different kind from the first.",
  },
  not_enough_methods: {
    title: "You do not have enough methods registered",
    explanation:
      "Your organization needs more methods to reset a password than you have working (registered, confirmed and allowed). Sign in and add another method on the security info page.",
  },
  reset_blocked_temporarily: {
    title: "Password reset is paused for now",
    explanation:
      "After too many attempts, password reset is paused for 24 hours; trying again does not shorten the pause. Try again when it ends, or contact your helpdesk.",
  },
  too_many_codes_sent: {
    title: "Too many codes were asked for",
    explanation:
      "At most 5 codes can be sent in an hour, and that limit has been reached. Wait until the pause ends and then use the newest code you receive, or contact your helpdesk if you cannot wait.",
  },
  too_many_failed_verifications: {
    title: "Too many wrong codes or answers",
    explanation:
      "At most 10 wrong codes or answers are accepted in 24 hours, and that limit has been reached. Wait until the pause ends or contact your helpdesk — and tell them if those attempts were not yours.",
  },
  too_many_resets: {
    title: "Your password was reset too many times today",
    explanation:
      "A password can be reset at most 5 times in 24 hours, and that limit has been reached. Wait until the pause ends or contact your helpdesk, and check that no device is still trying an old password.",
  },
  verification_code_wrong: {
    title: "That code is not right",
    explanation: "The code you typed does not match the one we sent. Open the newest message and type its code again.",
  },
  verification_code_expired: {
    title: "That code has expired",
    explanation:
      "A code is valid for 10 minutes, and that time has passed. Ask for a new code and type it in straight away.",
  },
  security_answers_wrong: {
    title: "Some answers are not right",
    explanation: "At least one answer did not match what you registered. Capitals do not matter; try again carefully.",
  },
  phone_number_mismatch: {
    title: "That phone number is not the one registered",
    explanation:
      "The number you typed is not the number registered for your account. Type the full number you registered, with the country code, or choose another method.",
  },
  password_too_short: {
    title: "The new password is too short",
    explanation:
      "A password needs at least 8 and at most 256 characters. Choose a longer one — several words in a row work well.",
  },
  password_banned: {
    title: "The new password is too easy to guess",
    explanation:
      "That password is on the list of banned passwords: it is commonly used, or contains your name or your organization's name. Choose another.",
  },
  password_recently_used: {
    title: "You used that password recently",
    explanation: "The new password is the same as one of your recent passwords. Choose one you have not used before.",
  },
  writeback_disabled: {
    title: "Your new password cannot reach your organization's own directory",
    explanation:
      "Your account is managed by your organization's on-premises directory, but sending new passwords there is turned off. Your helpdesk can reset the password directly in that directory.",
  },
  writeback_connector_unreachable: {
    title: "The link to your organization's directory is down",
    explanation:
      "The service that writes passwords to your organization's on-premises directory is not working right now, so your new password cannot be saved there and your old one still applies. Try again later, or contact your helpdesk.",
  },
  writeback_missing_reset_permission: {
    title: "The connector may not reset passwords",
    explanation:
      "The connector's service account in the on-premises directory lacks the right to reset passwords, so writeback will be refused. Grant it the reset-password right on user accounts.",
  },
  writeback_missing_pwdlastset_permission: {
    title: "The connector may not write pwdLastSet",
    explanation:
      "The connector's service account cannot write the pwdLastSet attribute, so writing a new password back will fail. Grant it write access to that attribute.",
  },
  writeback_remote_sam_restricted: {
    title: "Domain controllers refuse the connector's remote calls",
    explanation:
      "The domain controllers' remote SAM restriction denies the connector's service account, so writeback is refused. Allow that account in the \"restrict clients allowed to make remote calls to SAM\" policy.",
  },
  writeback_policy_hints_unsupported: {
    title: "Domain controllers do not support password policy hints",
    explanation:
      "The domain controllers are too old to accept the policy hints writeback sends, so password writes fail. Upgrade the domain controllers, or apply the update that adds support.",
  },
  onprem_account_not_found: {
    title: "The on-premises account was not found",
    explanation:
      "The cloud account has no matching account in the on-premises directory, so there is nowhere to write the password. Check the synchronisation scope and the account's anchor.",
  },
  onprem_account_ambiguous: {
    title: "Several on-premises accounts match this user",
    explanation:
      "More than one on-premises directory object matches this cloud account, so writeback cannot tell which one to change. Remove the duplicate anchor.",
  },
  onprem_account_disabled: {
    title: "Your account is turned off in your organization's directory",
    explanation:
      "Your account in your organization's on-premises directory is disabled, so a new password cannot be set there. Contact your helpdesk: only an administrator of that directory can turn it on again.",
  },
  onprem_cannot_change_password: {
    title: "Your account may not change its password in your organization's directory",
    explanation:
      "Your account in your organization's on-premises directory is set so that you cannot change its password, which also stops a reset. Contact your helpdesk: an administrator of that directory can remove the setting.",
  },
  onprem_protected_account: {
    title: "The on-premises account is protected",
    explanation:
      "This is a protected (privileged) account, and the directory takes the connector's rights away from such accounts, so writeback is impossible. An on-premises administrator must reset the password directly in the directory.",
  },
  onprem_min_password_age: {
    title: "Your password was changed too recently",
    explanation:
      "Your organization's directory says a password must be kept for a while before it is changed again, and that time has not passed yet. Try again later, or contact your helpdesk.",
  },
  onprem_password_policy_rejected: {
    title: "Your organization's directory refused the new password",
    explanation:
      "The new password does not meet your organization's on-premises password rules (length, variety of characters, or earlier passwords). Choose a longer, more varied password you have not used before.",
  },
  writeback_degraded: {
    title: "The writeback connector is having trouble",
    explanation:
      "The connector reports that it is degraded, so writing new passwords to the on-premises directory will probably fail. Check the connector's server and its connection and bring it back to normal.",
  },
  writeback_unknown_error: {
    title: "The connector failed with an unexpected error",
    explanation:
      "Writing the password to the on-premises directory failed with an error the connector did not explain. Look up the connector's log for the event and its detail.",
  },
  onprem_success_cloud_failure: {
    title: "Your new password is saved only in part",
    explanation:
      "Your organization's directory accepted the new password, but saving it in the cloud failed. It is being retried; in the meantime, the new password may work on some sign-in pages and not yet on others.",
  },
  // ---- Warnings
  onprem_account_locked: {
    title: "Your account is locked in your organization's directory",
    explanation:
      "Your account is locked, usually after several wrong password attempts. Resetting your password unlocks it; if your organization allows it you can also just unlock it, otherwise your helpdesk can.",
  },
  writeback_missing_unlock_permission: {
    title: "A reset will not unlock the on-premises account",
    explanation:
      "The connector's service account cannot write the lockoutTime attribute, so a locked account stays locked after a reset. Grant it write access to that attribute.",
  },
  registration_reconfirm_due: {
    title: "Time to check your security info",
    explanation:
      "Your organization asks you to check your security info now and then, and it is time again. Sign in, look over your phone numbers, email addresses and app, and confirm they are still right.",
  },
  single_point_of_failure: {
    title: "Losing one method would lock you out",
    explanation:
      "You have exactly as many working methods as a reset needs, so losing or changing your phone, for example, would stop you from resetting. Add another method, ideally a different kind.",
  },
  email_method_is_own_mailbox: {
    title: "Your reset email goes to your work mailbox",
    explanation:
      "The email address you registered is the one you sign in with — but when you have forgotten your password, you cannot open that mailbox. Register another address, such as a personal one.",
  },
  method_in_use_by_many: {
    title: "Many users share one phone number or email address",
    explanation:
      "The same phone number or email address is registered for more than 3 users, so whoever holds it can reset all their passwords. Find out whose it is and ask the users to register their own.",
  },
  onprem_must_change_at_next_logon: {
    title: "Your organization's directory asks for a new password at next sign-in",
    explanation:
      "Your account is marked to set a new password the next time you sign in, usually after a temporary password. Resetting here works, but you may be asked for a new password again afterwards; if that keeps happening, contact your helpdesk.",
  },
  writeback_heartbeat_late: {
    title: "The writeback connector is late reporting in",
    explanation:
      "The connector has not reported in for more than 5 minutes; after 10 minutes it counts as unreachable and writeback stops. Check the connector service and its network connection.",
  },
  cloud_smart_lockout: {
    title: "Your account is locked for a while after wrong passwords",
    explanation:
      "After several wrong passwords the cloud sign-in locks your account for a short time, to keep guessers out. Unlocking in your organization's directory does not end it; wait until it ends, then sign in with your correct password.",
  },
  code_delivery_failed: {
    title: "A code we sent you did not arrive",
    explanation:
      "Sending a code to one of your registered methods failed recently. Check that the number or address is still yours and can receive messages, or register another method.",
  },
  methods_kept_after_leave: {
    title: "A disabled account still has reset methods",
    explanation:
      "The account is disabled but its phone numbers and email addresses are still registered, so someone who holds them could still try to reset it. Remove the methods of people who have left.",
  },
  insufficient_evidence: {
    title: "Some facts are missing for a sure answer",
    explanation:
      "A check could not decide because some facts about this user or tenant are unknown. Supply the missing facts (the evidence lists them and how to get them) and diagnose again.",
  },
  // ---- Info: tenant hygiene, for administrators
  notifications_off: {
    title: "Users are not told when their password is reset",
    explanation:
      "Reset notifications are turned off, so a user would not notice a reset they did not make. Turn notifications on.",
  },
  registration_not_enforced: {
    title: "Users are not asked to register when they sign in",
    explanation:
      "Registration at sign-in is not required, so users may have nothing registered when they need a reset. Require users to register when they sign in.",
  },
  security_questions_only_policy: {
    title: "Security questions are the only allowed method",
    explanation:
      "The policy allows only security questions, the weakest method, and administrators cannot use them at all. Allow other methods too, such as an authenticator app or text messages.",
  },
  helpdesk_contact_missing: {
    title: "No helpdesk contact is set",
    explanation:
      "Neither a helpdesk link nor an email address is set, so a user who cannot reset does not learn where to turn. Set at least one of them.",
  },
  reconfirm_never: {
    title: "Users are never asked to reconfirm their security info",
    explanation:
      "Reconfirmation is turned off, so outdated phone numbers and email addresses go unnoticed. Set how many days pass before users must confirm their info.",
  },
  legacy_methods_policy: {
    title: "The legacy method settings still decide",
    explanation:
      "The tenant has not finished moving to the authentication methods policy, so the legacy password reset method settings still apply. Complete the migration so one policy decides.",
  },
};

/** English titles of the v2 fixes a person may be shown (v1 titles come from the catalogue). */
export const PERSON_FIXES_EN: Readonly<Record<string, string>> = {
  reset_at_identity_provider: "Reset your password at your organization's sign-in service",
  retry_cloud_write: "Wait a few minutes while it is retried",
};
