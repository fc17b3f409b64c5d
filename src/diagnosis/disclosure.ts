/**
 * Disclosure (ARCHITECTURE.md): what of a diagnosis a person may see. Someone who only
 * typed a login sees `public` findings; after proving a method, `verified` ones too;
 * staff see everything. `account_not_found` is public in the catalogue because its
 * wording is generic, but in a flow we drop it for everyone unverified: the same
 * steps for an unknown login must answer exactly like those for a real one.
 */
import type { Disclosure } from "../domain/catalogue";
import type { Finding } from "./findings";

const RANK: Record<Disclosure, number> = { public: 0, verified: 1, staff: 2 };

/**
 * The findings a viewer at `level` may see.
 * @example disclose(diagnosis.findings, "public").map((f) => f.code) // ["verification_code_wrong"]
 */
export function disclose(findings: readonly Finding[], level: Disclosure): Finding[] {
  return findings.filter(
    (f) => RANK[f.disclosure] <= RANK[level] && !(level === "public" && f.code === "account_not_found"),
  );
}
