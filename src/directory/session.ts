/**
 * One bound LDAP session on a tenant's directory: try the configured URLs in order
 * (failover only when a server does not answer — a server that answers "no" is the
 * answer), set up TLS the way ldapts needs it, bind the service account, run the work,
 * unbind. ldapts pitfall (DIRECTORIES.md B.5): any defined `tlsOptions` makes it speak
 * implicit TLS even to an ldap:// URL, so tlsOptions are given only for ldaps:// and
 * StartTLS gets its options in the startTLS() call instead.
 */
import type { ConnectionOptions } from "node:tls";
import { Client } from "ldapts";
import { classify, classifyTransport, type DirectoryFailure, type DirectoryOperation } from "./classify";
import type { DirectoryConfig } from "./directory-config";

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
