/**
 * Finding a person's directory object by their sign-in name: exactly one match or a
 * classified failure — none is `onprem_account_not_found`, several is
 * `onprem_account_ambiguous` (a write must never guess which of two objects is meant).
 */
import { escapeFilter, type Client, type Entry } from "ldapts";
import { DirectoryError } from "./session";
import { loginValue, type DirectoryConfig } from "./directory-config";
import type { DirectoryOperation } from "./classify";

export function personFilter(cfg: DirectoryConfig, login: string): string {
  // The configured parts are the admin's own syntax; only the person's login is escaped.
  return `(&${cfg.userFilter}(${cfg.loginAttribute}=${escapeFilter`${loginValue(cfg.loginAttribute, login)}`}))`;
}

export async function findAccount(
  client: Client,
  cfg: DirectoryConfig,
  login: string,
  operation: DirectoryOperation,
  attributes: string[] = ["1.1"],
): Promise<Entry> {
  const { searchEntries } = await client.search(cfg.baseDn, {
    scope: "sub",
    filter: personFilter(cfg, login),
    attributes,
  });
  const evidence = {
    directory: cfg.kind,
    operation,
    diagnostic: `${searchEntries.length} entries match ${personFilter(cfg, login)} under ${cfg.baseDn}`,
  };
  if (searchEntries.length === 0)
    throw new DirectoryError({
      code: "onprem_account_not_found",
      detail: "The directory has no account for this sign-in name.",
      evidence,
    });
  if (searchEntries.length > 1)
    throw new DirectoryError({
      code: "onprem_account_ambiguous",
      detail: "Several directory accounts match this sign-in name.",
      evidence,
    });
  return searchEntries[0]!;
}
