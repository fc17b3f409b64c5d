/**
 * What both directory connectors stand on. One bound LDAP session on a tenant's
 * directory: try the configured URLs in order (failover only when a server does not
 * answer — a server that answers "no" is the answer), set up TLS the way ldapts needs it,
 * bind the service account, run the work, unbind. On it, what OpenLDAP and Active
 * Directory do alike: find the one account a sign-in name names, classify a refused call,
 * write back (a classified refusal is the result, not a throw), beat, and search a subtree
 * for sync. How each directory resets, unlocks and reads its facts stays in openldap.ts
 * and active-directory.ts.
 *
 * ldapts pitfall (DIRECTORIES.md B.5): any defined `tlsOptions` makes it speak implicit
 * TLS even to an ldap:// URL, so tlsOptions are given only for ldaps:// and StartTLS gets
 * its options in the startTLS() call instead.
 */
import type { ConnectionOptions } from "node:tls";
import { Client, escapeFilter, type Entry, type SearchOptions } from "ldapts";
import type { WritebackRequest, WritebackResult } from "../writeback/connector";
import { classify, classifyTransport, type DirectoryFailure, type DirectoryOperation } from "./classify";
import type { HeartbeatResult, LiveRead, OnPremAccount, OnPremPolicy } from "./connector";
import { loginValue, type DirectoryConfig } from "./directory-config";
import type { PpolicyError } from "./ppolicy-control";

/** A directory operation that failed, classified. */
export class DirectoryError extends Error {
  constructor(readonly failure: DirectoryFailure) {
    super(failure.detail);
  }
}

function tlsOf(cfg: DirectoryConfig): ConnectionOptions {
  return {
    rejectUnauthorized: true,
    minVersion: "TLSv1.2",
    ...(cfg.tlsCa ? { ca: [cfg.tlsCa] } : {}),
    ...(cfg.tlsServername ? { servername: cfg.tlsServername } : {}),
  };
}

/** Connect to one URL (TLS as configured) without binding. */
export async function connect(cfg: DirectoryConfig, url: string): Promise<Client> {
  const secure = url.toLowerCase().startsWith("ldaps://");
  const client = new Client({
    url,
    timeout: cfg.timeoutMs,
    connectTimeout: cfg.timeoutMs,
    ...(secure ? { tlsOptions: tlsOf(cfg) } : {}),
  });
  if (!secure && cfg.startTls) {
    try {
      await client.startTLS(tlsOf(cfg));
    } catch (e) {
      await client.unbind().catch(() => undefined);
      throw e;
    }
  }
  return client;
}

/**
 * Bind as `who` (default: the service account) on the first URL that answers and run `work`.
 * Throws DirectoryError, classified for `operation`.
 */
export async function withSession<T>(
  cfg: DirectoryConfig,
  operation: DirectoryOperation,
  work: (client: Client, url: string) => Promise<T>,
  who: { dn: string; password: string } = { dn: cfg.bindDn, password: cfg.bindPassword },
): Promise<T> {
  let lastTransport: DirectoryFailure | undefined;
  for (const url of cfg.urls) {
    let client: Client | undefined;
    try {
      client = await connect(cfg, url);
      await client.bind(who.dn, who.password);
    } catch (e) {
      await client?.unbind().catch(() => undefined);
      const transport = classifyTransport(cfg.kind, "bind", e, url);
      if (transport) {
        lastTransport = transport;
        continue; // this server did not answer: fail over to the next
      }
      throw new DirectoryError(classify(cfg.kind, "bind", e));
    }
    try {
      return await work(client, url);
    } catch (e) {
      if (e instanceof DirectoryError) throw e;
      throw new DirectoryError(classifyTransport(cfg.kind, operation, e, url) ?? classify(cfg.kind, operation, e));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  throw new DirectoryError(
    lastTransport ?? {
      code: "writeback_connector_unreachable",
      detail: "No directory URL is configured.",
      evidence: { directory: cfg.kind, operation },
    },
  );
}

/** ldapts gives a missing attribute as [], one value as a string, several as an array. */
export function values(entry: Record<string, unknown>, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const v = key === undefined ? undefined : entry[key];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString("utf8") : String(x)));
}
export const first = (entry: Record<string, unknown>, attribute: string): string | undefined =>
  values(entry, attribute)[0];

/** A live read of `account`, stamped with where and when, with the `attributes` its facts came from verbatim (staff evidence). */
export function liveRead(
  url: string,
  now: () => Date,
  account: Entry,
  attributes: readonly string[],
  policy: OnPremPolicy,
  facts: Omit<OnPremAccount, "dn" | "raw">,
): LiveRead {
  const raw = Object.fromEntries(attributes.map((a) => [a, values(account, a)]));
  return { url, readAt: now().toISOString(), policy, account: { dn: account.dn, ...facts, raw } };
}

function personFilter(cfg: DirectoryConfig, login: string): string {
  // The configured parts are the admin's own syntax; only the person's login is escaped.
  return `(&${cfg.userFilter}(${cfg.loginAttribute}=${escapeFilter`${loginValue(cfg.loginAttribute, login)}`}))`;
}

/**
 * A person's directory object by their sign-in name: exactly one match or a classified
 * failure — none is `onprem_account_not_found`, several is `onprem_account_ambiguous`
 * (a write must never guess which of two objects is meant).
 */
async function findAccount(
  client: Client,
  cfg: DirectoryConfig,
  login: string,
  operation: DirectoryOperation,
  attributes: string[],
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

/** Bound as the service account, run `work` on the one account `login` names (`attributes` read with it). */
export function withAccount<T>(
  cfg: DirectoryConfig,
  login: string,
  operation: DirectoryOperation,
  attributes: string[],
  work: (client: Client, account: Entry, url: string) => Promise<T>,
): Promise<T> {
  return withSession(cfg, operation, async (client, url) =>
    work(client, await findAccount(client, cfg, login, operation, attributes), url),
  );
}

/**
 * A write whose refusal is classified for `operation` rather than left to the session's
 * catch-all; `ppolicy` reads the ppolicy response control once the call has answered.
 */
export async function classified<T>(
  cfg: DirectoryConfig,
  operation: DirectoryOperation,
  call: () => Promise<T>,
  ppolicy?: () => PpolicyError | undefined,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw new DirectoryError(classify(cfg.kind, operation, e, ppolicy?.()));
  }
}

/**
 * Write a reset and/or an unlock back: `apply` changes the account `req.upn` names. A
 * classified failure is the answer (the flow releases its claim on it); anything else is
 * a bug and throws.
 */
export async function writeBack(
  cfg: DirectoryConfig,
  req: WritebackRequest,
  attributes: string[],
  apply: (client: Client, account: Entry, operation: DirectoryOperation) => Promise<void>,
): Promise<WritebackResult> {
  const operation: DirectoryOperation =
    req.newPassword !== undefined ? (req.unlock ? "reset_and_unlock" : "reset") : "unlock";
  try {
    await withAccount(cfg, req.upn, operation, attributes, (client, account) => apply(client, account, operation));
    return { ok: true };
  } catch (e) {
    if (e instanceof DirectoryError)
      return { ok: false, code: e.failure.code, detail: e.failure.detail, evidence: e.failure.evidence };
    throw e;
  }
}

/** One heartbeat: bind, run `probe` (a rootDSE read), and say how long it took or why it failed. */
export async function heartbeat(
  cfg: DirectoryConfig,
  now: () => Date,
  probe: (client: Client) => Promise<unknown>,
): Promise<HeartbeatResult> {
  const started = Date.now();
  try {
    const url = await withSession(cfg, "bind", async (client, url) => {
      await probe(client);
      return url;
    });
    return { ok: true, url, latencyMs: Date.now() - started, at: now().toISOString() };
  } catch (e) {
    if (e instanceof DirectoryError) return { ok: false, failure: e.failure, at: now().toISOString() };
    throw e;
  }
}

/** Every entry under `base` that `options` select (a subtree, paged: a directory caps unpaged answers, AD at 1,000). */
export async function searchAll(cfg: DirectoryConfig, base: string, options: SearchOptions): Promise<Entry[]> {
  return withSession(cfg, "read", async (client) => {
    const { searchEntries } = await client.search(base, { scope: "sub", paged: { pageSize: 500 }, ...options });
    return searchEntries;
  });
}
