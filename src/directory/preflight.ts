/**
 * Gathering what the password pre-flight needs for one verified reset flow: the cloud
 * context (sign-in name, display name, the tenant's banned words) and, for a synced user
 * whose tenant has a real directory, the directory's effective policy and password age
 * read live (through the same short cache as the diagnosis). Only a verified flow may
 * ask: the policy in force for a person is theirs to see, not an anonymous caller's.
 */
import type { Deps } from "../deps";
import { preflightPassword, type DirectoryPolicyFacts } from "../domain/password-preflight";
import { AppError } from "../errors";
import { preflightSubject } from "../db/directory-facts";

export async function passwordPreflight(deps: Deps, flowId: string, password: string) {
  const subject = preflightSubject(deps.db, flowId, deps.clock.now().toISOString());
  if (!subject)
    throw new AppError(409, "flow_not_verified", "Verify the required methods before checking a new password.");
  let directory: DirectoryPolicyFacts | undefined;
  if (subject.source === "synced") {
    const live = await deps.directory.liveFacts.read(subject.userId);
    if (live.status === "read") {
      const policy = live.facts.find((f) => f.path === "writeback.onPremPolicy")?.value as {
        minLength: number;
        complexity: boolean;
        historyCount: number;
        minAgeSeconds: number;
      };
      const lastSet = live.facts.find((f) => f.path === "user.passwordLastSetAt")?.value as string | null;
      directory = { ...policy, ...(lastSet ? { passwordLastSetAt: lastSet } : {}), source: live.policySource };
    }
  }
  const result = preflightPassword(password, {
    cloud: {
      upn: subject.upn,
      displayName: subject.displayName,
      tenantName: subject.tenantName,
      bannedWords: subject.bannedWords,
    },
    ...(directory ? { directory } : {}),
    // The directory's clock, not a test's fixed one, decides its min age: compare with real time.
    now: new Date(),
  });
  return {
    ...result,
    directoryPolicy: directory
      ? {
          minLength: directory.minLength,
          complexity: directory.complexity,
          historyCount: directory.historyCount,
          minAgeSeconds: directory.minAgeSeconds,
        }
      : null,
  };
}
