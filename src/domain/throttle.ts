/**
 * The throttle registry: every budget the service keeps, as data — what it counts, whose
 * it is (the subject), over which sliding window, how many, the code a refusal carries,
 * and whether hitting it blocks the login for BLOCK_HOURS. Flows reserve against these
 * budgets through db/throttle.ts; the snapshot loader, the wait fix and clear_throttle read
 * the same windows from here, so no two places can disagree about a limit
 * (docs/decisions/007-throttle-model.md).
 *
 * Subjects are keys, never raw personal data: a login is keyed by the SHA-256 of its
 * normalised form, so an unknown login is counted and blocked exactly like a real one.
 */
import { createHash } from "node:crypto";
import {
  BLOCK_HOURS,
  MAX_CODES_PER_HOUR,
  MAX_FAILED_VERIFICATIONS_24H,
  MAX_RESETS_24H,
  type Method,
} from "./catalogue";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Whose budget it is: what was typed as login, the source IP, one flow, one account (registration), or one of those per method. */
export type ThrottleSubject = "login" | "login_method" | "ip" | "flow" | "flow_method" | "account" | "proof";

export type Budget = {
  subject: ThrottleSubject;
  windowMs: number;
  max: number;
  /** The problem code a refusal answers with. */
  code: string;
  /** Hitting it blocks the login (every method) for BLOCK_HOURS. */
  blocks: boolean;
  /** Why this number. */
  reason: string;
};

export const BUDGETS = {
  reset_start_login: {
    subject: "login",
    windowMs: HOUR,
    max: 10,
    code: "rate_limited",
    blocks: false,
    reason:
      "Flows started for one typed login: a person needs one or two; ten an hour is a script. Keyed by what was typed, so real and unknown logins trip alike.",
  },
  reset_start_ip: {
    subject: "ip",
    windowMs: HOUR,
    max: 100,
    code: "rate_limited",
    blocks: false,
    reason:
      "Flows started from one address across logins: room for an office behind one NAT, not for a spray across accounts.",
  },
  sign_in_account: {
    subject: "login",
    windowMs: 15 * MINUTE,
    max: 10,
    code: "too_many_sign_in_attempts",
    blocks: false,
    reason:
      "Failed sign-ins per login: ~1,000 guesses a day is hopeless against any password our policy accepts, and a typo-prone person never meets it (OWASP).",
  },
  sign_in_ip: {
    subject: "ip",
    windowMs: 15 * MINUTE,
    max: 50,
    code: "too_many_sign_in_attempts",
    blocks: false,
    reason:
      "Failed sign-ins per address across accounts: stops password spraying while leaving room for a shared NAT address.",
  },
  registration_step: {
    subject: "account",
    windowMs: HOUR,
    max: 30,
    code: "too_many_registration_changes",
    blocks: false,
    reason:
      "Changes to one's security info: a person registering needs a dozen; a script needs thousands, and each answer set costs 3–5 scrypt hashes.",
  },
  registration_code_sent: {
    subject: "account",
    windowMs: HOUR,
    max: MAX_CODES_PER_HOUR,
    code: "too_many_codes_sent",
    blocks: false,
    reason:
      "Codes sent while registering: the reset limit's number, apart from the reset counters so a fumbled registration never blocks a reset.",
  },
  registration_verification_failed: {
    subject: "account",
    windowMs: 24 * HOUR,
    max: MAX_FAILED_VERIFICATIONS_24H,
    code: "too_many_failed_verifications",
    blocks: false,
    reason: "Wrong codes while registering: the reset limit's number, counted apart from the reset.",
  },
  password_choice: {
    subject: "account",
    windowMs: HOUR,
    max: 10,
    code: "too_many_password_choices",
    blocks: false,
    reason:
      "Choices of one's own password after a helpdesk's temporary one: a person needs two or three (each refusal says why); each choice costs up to six scrypt checks against the history, so ten an hour bounds what a holder of the temporary password can make the server do.",
  },
  code_sent: {
    subject: "login_method",
    windowMs: HOUR,
    max: MAX_CODES_PER_HOUR,
    code: "too_many_codes_sent",
    blocks: true,
    reason:
      "Codes that really went out to a registered contact, per login and method (Entra throttles per gate): a mail or SMS bomb ends at five. Sends that went nowhere do not count.",
  },
  code_requested_flow: {
    subject: "flow_method",
    windowMs: HOUR,
    max: MAX_CODES_PER_HOUR,
    code: "too_many_codes_sent",
    blocks: false,
    reason:
      "Code requests in one flow per method, matched or not: bounds guessing contacts in a flow without touching the account's budget.",
  },
  proof_flow: {
    subject: "flow",
    windowMs: HOUR,
    max: 3,
    code: "proof_of_work_required",
    blocks: false,
    reason:
      "Code requests in one flow before a proof of work is asked: three covers a first send and two resends. All requests count, matched or not, or the demand itself would tell a guesser that a contact matched.",
  },
  proof_ip: {
    subject: "ip",
    windowMs: HOUR,
    max: 10,
    code: "proof_of_work_required",
    blocks: false,
    reason:
      "Code requests from one address across flows before a proof of work is asked: makes spraying contact guesses cost CPU instead of locking anyone out.",
  },
  proof_spent: {
    subject: "proof",
    windowMs: HOUR,
    max: 1,
    code: "proof_of_work_required",
    blocks: false,
    reason: "A solved proof-of-work challenge buys one code request: a second use is a replay.",
  },
  verification_failed: {
    subject: "login",
    windowMs: 24 * HOUR,
    max: MAX_FAILED_VERIFICATIONS_24H,
    code: "too_many_failed_verifications",
    blocks: true,
    reason:
      "Wrong codes or answers per login in a day (CATALOGUE limits): 10 guesses at a 6-digit code is a 1-in-100,000 chance.",
  },
  reset_completed: {
    subject: "login",
    windowMs: 24 * HOUR,
    max: MAX_RESETS_24H,
    code: "too_many_resets",
    blocks: true,
    reason:
      "Completed resets per login in a day (CATALOGUE limits): the fifth blocks at once, so a sixth never starts.",
  },
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;

/** A block lasts BLOCK_HOURS (CATALOGUE limits), from the moment the limit was hit. */
export const BLOCK_MS = BLOCK_HOURS * HOUR;

/** The limits the snapshot's `throttle` reports, with the snapshot field each fills. */
export const SNAPSHOT_COUNTS = [
  { budget: "code_sent", field: "codesSentLastHour" },
  { budget: "verification_failed", field: "failedVerificationsLast24h" },
  { budget: "reset_completed", field: "resetsLast24h" },
] as const satisfies readonly { budget: BudgetName; field: string }[];

export type SnapshotBudget = (typeof SNAPSHOT_COUNTS)[number]["budget"];

/** The login as a person may type it, made comparable: trimmed and lower-cased. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase();

/**
 * The subject key of a login: a hash, so the table never holds what was typed, and the
 * same key whether or not an account has that name.
 * @example loginKey(" Alex.Healthy@Contoso.Example") === loginKey("alex.healthy@contoso.example") // true
 */
export const loginKey = (login: string) =>
  `login:${createHash("sha256").update(normalizeLogin(login)).digest("hex").slice(0, 32)}`;

/** Subject keys of the other kinds. */
export const ipKey = (ip: string) => `ip:${ip}`;
export const flowKey = (flowId: string) => `flow:${flowId}`;
export const proofKey = (salt: string) => `proof:${salt}`;
export const accountKey = (userId: string) => `account:${userId}`;
export const withMethod = (key: string, method: Method) => `${key}:${method}`;
