/**
 * Unknown facts (CONTRACT §1 v2 `unknown`): the snapshot paths a source may say it could not
 * read, each with the values it could really have and how to obtain it. The snapshot
 * carries some value at such a path (a default, a guess of the importer's) but the
 * diagnosis must not trust it: it tries every candidate value (diagnosis/unknowns.ts) and
 * keeps only what holds for all of them. A path not in this table is refused when the
 * snapshot is parsed, because a path we cannot vary is one we would silently guess.
 */
import { METHODS, WRITEBACK_STALE_MINUTES } from "./catalogue";
import { isAdmin } from "./directory";
import { LICENSES } from "./licenses";
import type { Snapshot } from "./snapshot";
import { minutesSince } from "./time";

/** How a snapshot looks with one unknown path set to one of its candidate values. */
export type Variant = (snapshot: Snapshot) => Snapshot;

export type UnknownPathSpec = {
  /** Where to get it, for the insufficient_evidence evidence and the supply_missing_facts fix. */
  obtain: string;
  /** Every value the path could have, as snapshot rewrites; the as-given value first. */
  variants: (snapshot: Snapshot) => Variant[];
};

const HOUR_MS = 3_600_000;

// A path setter over plain JSON objects that copies only the objects along the path (a
// world is built from several rewrites, thousands of times in a sweep, so no deep clone);
// the caller's snapshot is never changed, and what is off the path is shared, read-only.
function withValue(snapshot: Snapshot, path: readonly string[], value: unknown): Snapshot {
  const copy: Record<string, unknown> = { ...(snapshot as Record<string, unknown>) };
  let node = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    const child: Record<string, unknown> =
      next !== null && typeof next === "object" ? { ...(next as Record<string, unknown>) } : {};
    node[key] = child;
    node = child;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as Snapshot;
}

function read(snapshot: Snapshot, path: readonly string[]): unknown {
  let node: unknown = snapshot;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Candidates in a fixed order with the as-given value first (so variant 0 is the snapshot as sent). */
function choices(path: readonly string[], values: readonly unknown[], fallback: unknown): UnknownPathSpec["variants"] {
  return (snapshot) => {
    // Without an account there is nothing of the user to vary.
    if (path[0] === "user" && snapshot.user === null) return [(s) => s];
    const given = read(snapshot, path) ?? fallback;
    const ordered = [given, ...values.filter((v) => v !== given)];
    return ordered.map((value) => (s: Snapshot) => withValue(s, path, value));
  };
}

const bool = (dotted: string, fallback: boolean, obtain: string): [string, UnknownPathSpec] => [
  dotted,
  { obtain, variants: choices(dotted.split("."), [true, false], fallback) },
];
const oneOf = (
  dotted: string,
  values: readonly string[],
  fallback: string,
  obtain: string,
): [string, UnknownPathSpec] => [dotted, { obtain, variants: choices(dotted.split("."), values, fallback) }];

// On-premises flags only mean something for a user who has the on-premises object; an
// absent `user.onPremises` reads as all-false, so varying a flag creates the object.
const onPrem = (flag: string, fallback: boolean, obtain: string) => bool(`user.onPremises.${flag}`, fallback, obtain);

/**
 * A path whose values are not a short list (a list of methods, a set of roles, a date): a
 * few representative values that span what the rules distinguish — the best and the worst
 * case and, where a rule has a threshold, either side of it. Each is a rewrite of the
 * snapshot; the as-given value comes first.
 */
const spanning = (
  dotted: string,
  values: (snapshot: Snapshot) => unknown[],
  obtain: string,
  userPath = dotted.startsWith("user."),
): [string, UnknownPathSpec] => {
  const path = dotted.split(".");
  return [
    dotted,
    {
      obtain,
      variants: (snapshot) => {
        if (userPath && snapshot.user === null) return [(s) => s];
        return [(s: Snapshot) => s, ...values(snapshot).map((value) => (s: Snapshot) => withValue(s, path, value))];
      },
    },
  ];
};

const DAY_MS = 24 * HOUR_MS;
const at = (snapshot: Snapshot, agoMs: number) => new Date(Date.parse(snapshot.now) - agoMs).toISOString();
// Well-formed stand-ins for a contact value nobody could read; "" is the malformed case.
const GOOD_VALUE: Partial<Record<string, string>> = {
  email: "unread@value.invalid.example",
  mobile_sms: "+37120000000",
  mobile_voice: "+37120000000",
  office_phone: "+37160000000",
};

const GRAPH_USER = "Graph GET /users/{id} (with $select of the property), or the directory export";
const AD = "the on-premises directory (Get-ADUser -Properties …), or an LDAP read by the directory connector";
const CONNECTOR = "the writeback connector's status and the Entra Connect server's Application log";

/** The path an imported connector's heartbeat becomes once its reading is stale (heartbeatUnknownAt). */
export const HEARTBEAT_PATH = "writeback.lastHeartbeatAt";

export const UNKNOWN_PATHS: Readonly<Record<string, UnknownPathSpec>> = Object.fromEntries([
  bool("user.enabled", true, `${GRAPH_USER}: accountEnabled`),
  bool("user.federated", false, "Graph GET /domains/{domain}: authenticationType (Federated or Managed)"),
  oneOf("user.type", ["member", "guest"], "member", `${GRAPH_USER}: userType`),
  oneOf("user.source", ["cloud", "synced"], "cloud", `${GRAPH_USER}: onPremisesSyncEnabled`),
  oneOf(
    "user.license",
    LICENSES,
    "p1",
    "Graph GET /users/{id}/licenseDetails (servicePlans), mapped as ENTRA-GRAPH.md §2.1",
  ),
  onPrem("lockedOut", false, `${AD}: LockedOut`),
  onPrem("cannotChangePassword", false, `${AD}: CannotChangePassword`),
  onPrem("protectedAccount", false, `${AD}: adminCount`),
  onPrem("mustChangePasswordAtNextLogon", false, `${AD}: pwdLastSet = 0`),
  onPrem("disabled", false, `${AD}: Enabled`),
  onPrem("found", true, `${AD}: search by the user's source anchor`),
  [
    "user.cloudLockout.lockedUntil",
    {
      obtain: "the Entra sign-in logs (error 50053) or the user's risk and lockout state in the portal",
      // Either no smart lockout, or one that lasts another hour.
      variants: (snapshot) => {
        const locked = (s: Snapshot) =>
          withValue(s, ["user", "cloudLockout"], { lockedUntil: new Date(Date.parse(s.now) + HOUR_MS).toISOString() });
        const free = (s: Snapshot) => withValue(s, ["user", "cloudLockout"], undefined);
        if (snapshot.user === null) return [(s) => s];
        return snapshot.user.cloudLockout ? [(s) => s, free] : [(s) => s, locked];
      },
    },
  ],
  bool("policy.admins.ssprEnabled", true, "Graph GET /policies/authorizationPolicy: allowedToUseSSPR"),
  oneOf(
    "policy.methodsPolicy.migrationState",
    ["preMigration", "migrationInProgress", "migrationComplete"],
    "migrationComplete",
    "Graph GET /policies/authenticationMethodsPolicy: policyMigrationState",
  ),
  oneOf(
    "policy.enablement",
    ["none", "selected", "all"],
    "none",
    "the Entra portal: Password reset → Properties (Graph has no read of it; the settings file)",
  ),
  bool(
    "policy.onPremises.writebackEnabled",
    false,
    "the Entra portal: Password reset → On-premises integration (the settings file)",
  ),
  bool(
    "policy.notifications.notifyUserOnReset",
    true,
    "the Entra portal: Password reset → Notifications (the settings file)",
  ),
  bool(
    "policy.registration.requireAtSignIn",
    true,
    "the Entra portal: Password reset → Registration (the settings file)",
  ),
  bool("writeback.configured", false, CONNECTOR),
  oneOf("writeback.status", ["healthy", "unreachable", "degraded"], "healthy", CONNECTOR),
  // A connector known from one reading (an import) may have beaten since or not: the stale
  // reading as given, or a heartbeat at the diagnosis's own moment (heartbeatUnknownAt).
  spanning(
    HEARTBEAT_PATH,
    (s) => [s.now],
    `${CONNECTOR} as they are now, in a settings file captured now (writeback.status, lastHeartbeatAt) and imported again; or a directory connected to the tenant (PUT /api/v1/tenants/{domain}/directory), whose heartbeat reports the connector live`,
  ),
  bool("writeback.permissions.resetPassword", true, `${CONNECTOR}; dsacls on the users' OU`),
  bool("writeback.permissions.changePassword", true, `${CONNECTOR}; dsacls on the users' OU`),
  bool("writeback.permissions.writeLockoutTime", true, `${CONNECTOR}; dsacls on the users' OU`),
  bool("writeback.permissions.writePwdLastSet", true, `${CONNECTOR}; dsacls on the users' OU`),
  bool(
    "writeback.capabilities.remoteSam",
    true,
    `${CONNECTOR} (events 33004 and 6329); the domain controllers' "Network access: Restrict clients allowed to make remote calls to SAM" policy`,
  ),
  bool(
    "writeback.capabilities.policyHints",
    true,
    `${CONNECTOR} (event 6329 MMS(3040)); the domain controllers' OS level`,
  ),
  [
    "delivery.lastFailure",
    {
      obtain: "the mail and SMS providers' delivery logs for the last 24 hours",
      // Either no failed delivery, or one just now (the method is the user's first contact method).
      variants: (snapshot) => {
        const failed = (s: Snapshot) =>
          withValue(s, ["delivery"], {
            lastFailure: { method: s.delivery?.lastFailure?.method ?? "email", at: s.now, reason: "unknown" },
          });
        const none = (s: Snapshot) => withValue(s, ["delivery"], undefined);
        return snapshot.delivery?.lastFailure ? [(s) => s, none] : [(s) => s, failed];
      },
    },
  ],
  spanning(
    "user.roles",
    (s) => [isAdmin(s.user!.roles) ? s.user!.roles.filter((r) => !isAdmin([r])) : [...s.user!.roles, "global_admin"]],
    "Graph GET /roleManagement/directory/roleAssignments?$filter=principalId eq '{id}' (template ids → admin-roles.ts)",
  ),
  spanning("user.passwordLastSetAt", (s) => [undefined, s.now], `${GRAPH_USER}: lastPasswordChangeDateTime`),
  spanning(
    "registration.lastConfirmedAt",
    (s) => [undefined, s.now, at(s, 731 * DAY_MS)],
    "Graph GET /reports/authenticationMethods/userRegistrationDetails (lastUpdatedDateTime)",
    false,
  ),
  spanning(
    "policy.methodsAllowed",
    () => [[...METHODS], []],
    "the Entra portal: Password reset → Authentication methods, or the authentication methods policy",
  ),
  spanning(
    "policy.methodsRequired",
    () => [1, 2],
    "the Entra portal: Password reset → Authentication methods (number of methods required)",
  ),
  spanning(
    "policy.selectedGroups",
    (s) => [s.user ? [...new Set(s.user.groups.map((g) => g.id))] : [], []],
    "the Entra portal: Password reset → Properties (selected group)",
  ),
  spanning(
    "policy.securityQuestions",
    () => [
      { toRegister: 3, toReset: 3 },
      { toRegister: 5, toReset: 5 },
    ],
    "the Entra portal: Password reset → Authentication methods (questions to register and to reset)",
  ),
  spanning(
    "policy.registration.reconfirmDays",
    () => [0, 1, 730],
    "the Entra portal: Password reset → Registration (days before users are asked to reconfirm)",
  ),
  bool(
    "policy.notifications.notifyAdminsOnAdminReset",
    true,
    "the Entra portal: Password reset → Notifications (the settings file)",
  ),
  bool(
    "policy.onPremises.allowUnlockWithoutReset",
    false,
    "the Entra portal: Password reset → On-premises integration (the settings file)",
  ),
  spanning(
    "policy.helpdesk",
    () => [{}, { email: "helpdesk@value.invalid.example" }],
    "the Entra portal: Password reset → Customization (helpdesk link or email)",
  ),
  [
    "methods",
    {
      obtain: "Graph GET /users/{id}/authentication/methods, or userRegistrationDetails (methodsRegistered)",
      // None registered, or two verified, well-formed methods on two devices.
      variants: () => [
        (s) => s,
        (s) => ({ ...s, methods: [] }),
        (s) => ({
          ...s,
          methods: [
            { type: "authenticator_code", verified: true },
            { type: "mobile_sms", value: GOOD_VALUE.mobile_sms!, verified: true },
          ],
        }),
      ],
    },
  ],
  [
    "methods[].value",
    {
      obtain:
        "Graph GET /users/{id}/authentication/methods (phoneNumber, emailAddress); userRegistrationDetails has no values",
      // Every contact value well-formed, or every one malformed.
      variants: () => [
        (s) => s,
        (s) => ({
          ...s,
          methods: s.methods.map((m) => (GOOD_VALUE[m.type] ? { ...m, value: GOOD_VALUE[m.type]! } : m)),
        }),
        (s) => ({ ...s, methods: s.methods.map((m) => (GOOD_VALUE[m.type] ? { ...m, value: "" } : m)) }),
      ],
    },
  ],
  // No rule reads when a method was registered; listed so an import may say so.
  [
    "methods[].registeredAt",
    { obtain: "Graph GET /users/{id}/authentication/methods (createdDateTime)", variants: () => [(s) => s] },
  ],
  [
    "methods[].verified",
    {
      obtain:
        "Graph GET /users/{id}/authentication/methods (a method listed there was verified when registered); userRegistrationDetails does not say",
      // Every combination over the registered methods, the as-given one first.
      variants: (snapshot) => {
        const n = snapshot.methods.length;
        const given = snapshot.methods.reduce((bits, m, i) => bits | (m.verified ? 1 << i : 0), 0);
        const out: Variant[] = [];
        for (let k = 0; k < 1 << n; k++) {
          const bits = k ^ given;
          out.push((s) => ({ ...s, methods: s.methods.map((m, i) => ({ ...m, verified: (bits & (1 << i)) !== 0 })) }));
        }
        return out;
      },
    },
  ],
  [
    "methods.security_questions.questionsAnswered",
    {
      obtain: "the legacy SSPR registration data (Graph does not expose how many questions were answered)",
      // Only the threshold matters to the rules: none answered, or enough to reset.
      variants: (snapshot) => {
        const set = (answered: number) => (s: Snapshot) => ({
          ...s,
          methods: s.methods.map((m) => (m.type === "security_questions" ? { ...m, questionsAnswered: answered } : m)),
        });
        const given = snapshot.methods.find((m) => m.type === "security_questions")?.questionsAnswered ?? 0;
        const toReset = snapshot.policy.securityQuestions.toReset;
        return [...new Set([given, 0, toReset])].map(set);
      },
    },
  ],
] as [string, UnknownPathSpec][]);

/**
 * Whether, at `now`, a connector known only from a reading (an imported settings file, with
 * no heartbeat of ours after it) is of unknown state: its reading is older than the stale
 * window, so "not heard from since" says nothing about today (ADR 010, addendum). A fresh
 * reading is used as is, and so is a reported outage: `unreachable` is the source's word,
 * which stands until a newer reading says otherwise.
 *
 * @example
 * heartbeatUnknownAt({ …, status: "healthy", lastHeartbeatAt: "2026-11-24T08:58:00Z" }, new Date("2026-11-24T10:00:00Z")); // true
 */
export function heartbeatUnknownAt(writeback: Snapshot["writeback"], now: Date): boolean {
  if (!writeback.configured || writeback.status === "unreachable") return false;
  const age = minutesSince(now.getTime(), writeback.lastHeartbeatAt);
  return age !== null && age > WRITEBACK_STALE_MINUTES;
}

/** Whether `path` is an unknown path the diagnosis can reason about. */
export function isUnknownPath(path: string): boolean {
  return Object.hasOwn(UNKNOWN_PATHS, path);
}
