/**
 * The password pre-flight: which rule a candidate password breaks, named before the
 * person submits it — the cloud rules (length, banned words) and the on-premises
 * directory's effective policy (length, complexity, min age), each with the words to show
 * in English and Latvian. It advises only: the directory still gives the final answer
 * (it also checks its own history, which we cannot see).
 */
import { checkNewPassword, type PasswordContext } from "./password";

export type PreflightRule =
  "cloud_length" | "cloud_banned" | "directory_min_length" | "directory_complexity" | "directory_min_age";
export type PreflightFailure = { rule: PreflightRule; source: "cloud" | "directory"; en: string; lv: string };
export type PreflightNote = { rule: "directory_history"; en: string; lv: string };

/** The directory's effective policy as the live read found it. */
export type DirectoryPolicyFacts = {
  minLength: number;
  complexity: boolean;
  historyCount: number;
  minAgeSeconds: number;
  passwordLastSetAt?: string;
  source: string;
};

/**
 * AD complexity: characters from three of the four classes (upper, lower, digit, other).
 * @example meetsComplexity("Harbour-Lantern") // true (upper, lower, other)
 */
export function meetsComplexity(password: string): boolean {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length >= 3;
}

const hoursMinutes = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.ceil((seconds % 3600) / 60);
  return { en: h ? `${h} h ${m} min` : `${m} min`, lv: h ? `${h} st. ${m} min.` : `${m} min.` };
};

/**
 * Every rule `password` breaks, cloud first, and what the person should know anyway.
 *
 * @example
 * preflightPassword("short", { cloud: ctx, now: new Date() }).failures[0]?.rule // "cloud_length"
 */
export function preflightPassword(
  password: string,
  input: { cloud: PasswordContext; directory?: DirectoryPolicyFacts; now: Date },
): { ok: boolean; failures: PreflightFailure[]; notes: PreflightNote[] } {
  const failures: PreflightFailure[] = [];
  const cloud = checkNewPassword(password, input.cloud);
  if (!cloud.ok) {
    failures.push(
      cloud.code === "password_too_short"
        ? { rule: "cloud_length", source: "cloud", en: cloud.reason, lv: "Parole ir par īsu vai par garu." }
        : {
            rule: "cloud_banned",
            source: "cloud",
            en: cloud.reason,
            lv: "Parole ir pārāk viegli uzminama vai satur aizliegtu vārdu.",
          },
    );
  }
  const notes: PreflightNote[] = [];
  const d = input.directory;
  if (d) {
    const length = [...password].length;
    if (length < d.minLength) {
      failures.push({
        rule: "directory_min_length",
        source: "directory",
        en: `Your organisation's directory needs at least ${d.minLength} characters (this has ${length}).`,
        lv: `Jūsu organizācijas direktorijam vajag vismaz ${d.minLength} rakstzīmes (šai ir ${length}).`,
      });
    }
    if (d.complexity && !meetsComplexity(password)) {
      failures.push({
        rule: "directory_complexity",
        source: "directory",
        en: "Your organisation's directory needs three of: lower case, upper case, digits, symbols.",
        lv: "Jūsu organizācijas direktorijam vajag trīs no četriem: mazie burti, lielie burti, cipari, simboli.",
      });
    }
    if (d.minAgeSeconds > 0 && d.passwordLastSetAt) {
      const wait = Math.ceil((Date.parse(d.passwordLastSetAt) + d.minAgeSeconds * 1000 - input.now.getTime()) / 1000);
      if (wait > 0) {
        const w = hoursMinutes(wait);
        failures.push({
          rule: "directory_min_age",
          source: "directory",
          en: `Your password was changed recently; the directory allows the next change in ${w.en}.`,
          lv: `Parole nesen mainīta; direktorijs ļaus to mainīt pēc ${w.lv}.`,
        });
      }
    }
    if (d.historyCount > 0) {
      notes.push({
        rule: "directory_history",
        en: `It must not be one of your last ${d.historyCount} passwords (the directory checks this when you submit).`,
        lv: `Tā nedrīkst būt neviena no jūsu pēdējām ${d.historyCount} parolēm (direktorijs to pārbaudīs, kad iesniegsiet).`,
      });
    }
  }
  return { ok: failures.length === 0, failures, notes };
}
