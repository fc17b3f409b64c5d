/**
 * The standing blocker of a verified person: the first blocker their stored state
 * already explains (disabled, out of scope, licence, connector silent…), as opposed to
 * the errors a step raises itself. Verify asks it the moment the last method is proven,
 * so a person whose reset cannot work is told then, not after choosing a password;
 * complete asks again (the state may have changed) but leaves the writeback stage to the
 * connector, which answers for itself when written to.
 */
import type { Deps } from "../deps";
import { ATTEMPT_ERRORS, FINDINGS, type FindingCode } from "../domain/catalogue";
import type { Snapshot } from "../domain/snapshot";

export function standingBlocker(
  deps: Deps,
  snapshot: Snapshot,
  opts: { includeWriteback: boolean },
): FindingCode | undefined {
  return deps.diagnoser.findingCodes(snapshot).find((c) => {
    const f = FINDINGS[c];
    if (f.severity !== "blocker" || (ATTEMPT_ERRORS as readonly string[]).includes(c)) return false;
    // Throttle findings are answered by the throttle itself (with Retry-After), not as a standing blocker.
    if (
      c === "too_many_codes_sent" ||
      c === "too_many_failed_verifications" ||
      c === "reset_blocked_temporarily" ||
      c === "too_many_resets"
    )
      return false;
    return opts.includeWriteback || f.stage !== "writeback";
  });
}
