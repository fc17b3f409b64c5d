/**
 * App-only access tokens for Microsoft Graph through @azure/msal-node (client credentials).
 * MSAL caches the token and renews it before expiry; `fresh` skips the cache after Graph
 * said the token is no longer good (401). Authority metadata is given up front so MSAL does
 * no discovery round trips; an `http://` authority host (a local test server) is presented
 * to MSAL as https — MSAL refuses insecure authorities — and its requests are sent back to
 * the http origin by our own network client.
 */
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from "@azure/msal-node";
import type { GraphConfig } from "./graph-config";

export type TokenSource = (fresh?: boolean) => Promise<string>;

function networkClient(rewrite: (url: string) => string): INetworkModule {
  const send = async <T>(
    method: string,
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<NetworkResponse<T>> => {
    const res = await fetch(rewrite(url), { method, headers: options?.headers, body: options?.body });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { headers, body: (await res.json()) as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

export function appToken(cfg: GraphConfig): TokenSource {
  const insecure = cfg.authorityHost.startsWith("http://");
  const host = new URL(cfg.authorityHost).host;
  const authorityBase = insecure ? `https://${host}` : cfg.authorityHost;
  const authority = `${authorityBase}/${cfg.tenantId}`;
  const metadata = {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    issuer: `${authorityBase}/${cfg.tenantId}/v2.0`,
    jwks_uri: `${authorityBase}/${cfg.tenantId}/discovery/v2.0/keys`,
  };
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: cfg.clientId,
      authority,
      knownAuthorities: [host],
      authorityMetadata: JSON.stringify(metadata),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      }),
      ...("secret" in cfg.credential ? { clientSecret: cfg.credential.secret } : { clientCertificate: cfg.credential }),
    },
    system: {
      networkClient: networkClient((url) => (insecure ? url.replace(`https://${host}`, cfg.authorityHost) : url)),
    },
  });
  // "/.default": the application permissions granted to the app (Directory.Read.All, AuditLog.Read.All, …).
  const scopes = [`${new URL(cfg.baseUrl).origin}/.default`];
  return async (fresh = false) => {
    const r = await app.acquireTokenByClientCredential({ scopes, skipCache: fresh });
    if (!r?.accessToken) throw new Error("Microsoft Entra returned no access token");
    return r.accessToken;
  };
}
