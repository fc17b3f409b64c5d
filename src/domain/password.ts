/**
 * The cloud password policy for a new password: its length (8 to 256), and the banned
 * list — common passwords, the tenant's own banned words and name, and the user's own
 * name and sign-in name — read through a normalization that sees past case, accents and
 * look-alike symbols (`P@$$w0rd` is "password"). Each refusal is a catalogue code with a
 * human reason that never repeats the password. The history rule needs hashing and lives
 * in the flows; only its number is here.
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./catalogue";

/**
 * A new password must differ from the last 24 (Entra ID's and Active Directory's
 * "enforce password history" default): cycling through 24 changes to get back to a
 * favourite takes long enough that nobody does it.
 */
export const PASSWORD_HISTORY_COUNT = 24;

/** The catalogue codes a new password can be refused with. */
export type PasswordRefusalCode = "password_too_short" | "password_banned";

export type PasswordCheck = { ok: true } | { ok: false; code: PasswordRefusalCode; reason: string };

export type PasswordContext = {
  /** The user's sign-in name; the parts of its local part are personal words. */
  upn: string;
  /** The user's display name; each part of it is a personal word. */
  displayName: string;
  /** The organisation's name, banned whole and by its parts. */
  tenantName: string;
  /** The tenant's custom banned words (product names, local teams…). */
  bannedWords: readonly string[];
};

// ---- Data, prepared once at module load so a check is a handful of set look-ups.

/**
 * ~49,000 common passwords (zxcvbn-ts's breach-derived list, lowercase, most common
 * first). Only an exact match of the normalized password counts: used for "contains",
 * a list this long bans half the dictionary ("harbour" and "lantern" are both on it).
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary["passwords-common"]);

/**
 * Base words so common in passwords that any password containing one is weak, however
 * it is decorated (`Welcome123`, `MySummer!2026`). Curated by hand from the top of the
 * common list (a test keeps every word on it): letters only, no person's name (a name is
 * banned for its owner, below), nothing short enough to sit inside ordinary words.
 */
export const COMMON_BASE_WORDS: readonly string[] = [
  "password",
  "welcome",
  "letmein",
  "iloveyou",
  "changeme",
  "default",
  "secret",
  "admin",
  "qwerty",
  "qwertyuiop",
  "asdfgh",
  "asdfghjkl",
  "zxcvbn",
  "zxcvbnm",
  "qazwsx",
  "azerty",
  "summer",
  "winter",
  "spring",
  "autumn",
  "january",
  "february",
  "april",
  "august",
  "september",
  "october",
  "november",
  "december",
  "monday",
  "friday",
  "sunday",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "soccer",
  "hockey",
  "sunshine",
  "princess",
  "master",
  "shadow",
  "freedom",
  "whatever",
  "superman",
  "batman",
  "starwars",
  "pokemon",
  "computer",
  "internet",
  "samsung",
  "google",
  "microsoft",
  "windows",
  "company",
];
const COMMON_BASE_PATTERN = new RegExp(COMMON_BASE_WORDS.join("|"), "u");

/** Shorter list words and tenant words match inside too many innocent passwords. */
const MIN_LIST_TOKEN = 4;
/** Names are short ("Ada", "Tom") and only ban things for their owner, so 3 letters count. */
const MIN_PERSONAL_TOKEN = 3;

/**
 * Look-alikes read as the letter they imitate (the KB article password-rules lists
 * them). `1` is both `i` and `l`, so it is tried both ways.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  "0": "o",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
  "+": "t",
  "€": "e",
};
const ONE_AS = ["i", "l"] as const;

// ---- Normalization

/** NFKC (full-width and ligature forms become plain), lower case, accents dropped. */
function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

function unLeet(folded: string, one: (typeof ONE_AS)[number]): string {
  return folded.replace(/[0-9@$!|+€]/gu, (ch) => (ch === "1" ? one : (LOOKALIKES[ch] ?? ch)));
}

/** Letters only, after look-alikes: `Con-t0so 2026!` → `contosooi` (separators can't hide a word). */
function skeleton(folded: string, one: (typeof ONE_AS)[number]): string {
  return unLeet(folded, one).replace(/\P{L}+/gu, "");
}

const trimStart = (s: string) => s.replace(/^\P{L}+/u, "");
const trimEnd = (s: string) => s.replace(/\P{L}+$/u, "");

/**
 * The forms compared whole with the common list: as typed, with the digits and symbols
 * people tack on at either end removed (`Welcome123!` → `welcome`), each also with
 * look-alikes read as letters (`p@ssw0rd2026!` → `password`). Trimming before and after
 * reading look-alikes both matter: `@dmin2024` needs the `@` kept, `Passw0rd!` the `!` cut.
 */
function wholeForms(folded: string): Set<string> {
  const trimmed = [folded, trimEnd(folded), trimStart(folded), trimStart(trimEnd(folded))];
  const forms = new Set(trimmed);
  for (const one of ONE_AS) {
    for (const t of trimmed) forms.add(unLeet(t, one));
    forms.add(trimStart(trimEnd(unLeet(folded, one))));
  }
  forms.delete("");
  return forms;
}

/** Words of a name, as skeletons, at least `min` letters long. */
function nameParts(text: string, min: number): string[] {
  return fold(text)
    .split(/\P{L}+/u)
    .map((part) => skeleton(part, "i"))
    .filter((part) => part.length >= min);
}

/** What the password may not contain, in the order a refusal names them (most specific first). */
function contextTokens(ctx: PasswordContext): { token: string; source: "personal" | "tenant" | "custom" }[] {
  const localPart = ctx.upn.slice(0, Math.max(ctx.upn.lastIndexOf("@"), 0)) || ctx.upn;
  const tenantWhole = skeleton(fold(ctx.tenantName), "i");
  const tokens = [
    ...[...nameParts(ctx.displayName, MIN_PERSONAL_TOKEN), ...nameParts(localPart, MIN_PERSONAL_TOKEN)].map(
      (token) => ({ token, source: "personal" as const }),
    ),
    ...[tenantWhole, ...nameParts(ctx.tenantName, MIN_LIST_TOKEN)]
      .filter((token) => token.length >= MIN_LIST_TOKEN)
      .map((token) => ({ token, source: "tenant" as const })),
    ...ctx.bannedWords
      .map((word) => skeleton(fold(word), "i"))
      .filter((token) => token.length >= MIN_LIST_TOKEN)
      .map((token) => ({ token, source: "custom" as const })),
  ];
  const seen = new Set<string>();
  return tokens.filter(({ token }) => !seen.has(token) && seen.add(token));
}

// ---- Reasons

const REASONS = {
  common: "It is one of the most commonly used choices, so it is among the first an attacker tries.",
  commonBase: (word: string) => `It contains "${word}", a word attackers try first in every combination.`,
  personal: (word: string) => `It contains part of your name or sign-in name ("${word}").`,
  tenant: (word: string) => `It contains your organisation's name ("${word}").`,
  custom: (word: string) => `It contains a word your organisation has banned ("${word}").`,
  /** Used when a named reason would happen to spell out the whole password. */
  unnamed: "It contains a banned word.",
};

function banned(reason: string, password: string): PasswordCheck {
  // A banned word can be the whole password (a custom word "fabrikamrocks" typed as is):
  // then naming it would echo the password, so the reason stays unnamed.
  const echoes = password.length > 0 && fold(reason).includes(fold(password));
  return { ok: false, code: "password_banned", reason: echoes ? REASONS.unnamed : reason };
}

/**
 * Check a new password against the cloud policy: length, then the banned list. Pure
 * and fast (a few set look-ups and substring scans; the lists are prepared at load).
 *
 * Length counts Unicode code points as typed. A password over 256 characters is refused
 * with `password_too_short`, the catalogue's length finding (its limit row is "8, max
 * 256"), and a reason that says it is too long: the catalogue has no `password_too_long`,
 * and `password_banned` would send the person to the wrong advice. Over-long input is
 * refused before any normalization, so a 64 KiB body costs nothing.
 *
 * @example
 * checkNewPassword("P@ssw0rd2026!", { upn: "alex.healthy@contoso.example", displayName: "Alex Healthy", tenantName: "Contoso", bannedWords: [] })
 * // { ok: false, code: "password_banned", reason: "It is one of the most commonly used choices, …" }
 */
export function checkNewPassword(password: string, ctx: PasswordContext): PasswordCheck {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    const chars = length === 1 ? "1 character" : `${length} characters`;
    return {
      ok: false,
      code: "password_too_short",
      reason: `It is ${chars} long; at least ${MIN_PASSWORD_LENGTH} are needed.`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return {
      ok: false,
      code: "password_too_short",
      reason: `It is ${length} characters long; at most ${MAX_PASSWORD_LENGTH} are allowed.`,
    };
  }

  const folded = fold(password);
  for (const form of wholeForms(folded)) {
    if (COMMON_PASSWORDS.has(form)) return banned(REASONS.common, password);
  }

  const skeletons = ONE_AS.map((one) => skeleton(folded, one));
  for (const { token, source } of contextTokens(ctx)) {
    if (skeletons.some((s) => s.includes(token))) return banned(REASONS[source](token), password);
  }
  for (const s of skeletons) {
    const hit = COMMON_BASE_PATTERN.exec(s);
    if (hit) return banned(REASONS.commonBase(hit[0]), password);
  }
  return { ok: true };
}
