/**
 * Which findings a fix addresses, derived from the catalogue's FINDINGS (each finding
 * names its fixes), so the catalogue stays the one source of truth: a fix addresses
 * exactly the findings that name it, in catalogue order.
 */
import { FINDINGS, FINDING_CODES, type FindingCode, type FixId } from "../domain/catalogue";

const BY_FIX = new Map<FixId, FindingCode[]>();
for (const code of FINDING_CODES) {
  for (const fix of FINDINGS[code].fixes as readonly FixId[]) BY_FIX.set(fix, [...(BY_FIX.get(fix) ?? []), code]);
}

/**
 * The finding codes that name `fix` among their fixes, in catalogue order.
 *
 * @example
 * addressesOf("clear_throttle");
 * // ["reset_blocked_temporarily", "too_many_codes_sent", "too_many_failed_verifications", "too_many_resets"]
 */
export function addressesOf(fix: FixId): FindingCode[] {
  return BY_FIX.get(fix) ?? [];
}
