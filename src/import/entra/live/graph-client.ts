/**
 * A small Microsoft Graph client for reading a tenant: GET with paging by `@odata.nextLink`
 * (the whole URL, headers such as ConsistencyLevel re-sent on every page because Graph does
 * not carry them over), JSON batching (at most 20 requests per `$batch`), 429/503/504 retried
 * after `Retry-After` (seconds, fractional allowed) or with exponential backoff when absent,
 * and one token renewal when Graph answers 401. It returns the raw page texts so an export
 * can be saved exactly as Graph sent it.
 */
import type { TokenSource } from "./app-token";

export type GraphPage = {
  url: string;
  text: string;
  json: { value?: unknown[]; "@odata.nextLink"?: string; [k: string]: unknown };
};

export class GraphRequestError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`GET ${url} failed: HTTP ${status} ${detail}`);
    this.name = "GraphRequestError";
  }
}

export type GraphClientOptions = {
  baseUrl: string;
  token: TokenSource;
  /** How long to wait; tests keep the real timer but may record the waits. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries of one request before giving up (throttling and transient 5xx). */
  maxRetries?: number;
  /** Called once per HTTP request sent (for progress and tests). */
  onRequest?: (url: string) => void;
};

/** Graph's batch limit [D BATCH]. */
export const MAX_BATCH = 20;
const RETRYABLE = new Set([429, 503, 504]);
/** Backoff without Retry-After: 1 s, 2 s, 4 s… capped; Graph asks clients to back off exponentially. */
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 32_000;

export function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? Number.NaN : Number.parseFloat(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

export function graphClient(o: GraphClientOptions) {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxRetries = o.maxRetries ?? 6;
  const absolute = (pathOrUrl: string) =>
    /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${o.baseUrl}/${pathOrUrl.replace(/^\//, "")}`;

  async function send(
    method: "GET" | "POST",
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await o.token();
      o.onRequest?.(url);
      const res = await fetch(url, {
        method,
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body,
      });
      const text = await res.text();
      if (res.status === 401 && !renewed) {
        // The token expired or was revoked between MSAL's cache and Graph: renew once.
        renewed = true;
        await o.token(true);
        continue;
      }
      if (RETRYABLE.has(res.status) && attempt < maxRetries) {
        await sleep(retryAfterMs(res.headers.get("retry-after"), attempt));
        continue;
      }
      return { status: res.status, text };
    }
  }

  async function getJson(pathOrUrl: string, headers: Record<string, string> = {}): Promise<GraphPage> {
    const url = absolute(pathOrUrl);
    const { status, text } = await send("GET", url, headers);
    if (status !== 200) throw new GraphRequestError(url, status, errorDetail(text));
    return { url, text, json: JSON.parse(text) as GraphPage["json"] };
  }

  return {
    getJson,
    /** Every page of a collection, following nextLink with the same headers. */
    async *pages(pathOrUrl: string, headers: Record<string, string> = {}): AsyncGenerator<GraphPage> {
      let next: string | undefined = pathOrUrl;
      while (next) {
        const page = await getJson(next, headers);
        yield page;
        next = page.json["@odata.nextLink"];
      }
    },
    /**
     * First pages of many requests, 20 per `$batch`; a sub-request answered 429 is retried
     * after its own Retry-After. Returns the pages in the order asked.
     */
    async batch(paths: readonly string[], headers: Record<string, string> = {}): Promise<GraphPage[]> {
      const out: GraphPage[] = new Array(paths.length);
      for (let start = 0; start < paths.length; start += MAX_BATCH) {
        let pending = paths
          .slice(start, start + MAX_BATCH)
          .map((p, i) => ({ id: String(start + i), url: `/${p.replace(/^\//, "")}` }));
        for (let attempt = 0; pending.length; attempt++) {
          const body = JSON.stringify({
            requests: pending.map((r) => ({ id: r.id, method: "GET", url: r.url, headers })),
          });
          const { status, text } = await send("POST", absolute("$batch"), {}, body);
          if (status !== 200) throw new GraphRequestError(absolute("$batch"), status, errorDetail(text));
          const responses = (
            JSON.parse(text) as {
              responses: { id: string; status: number; headers?: Record<string, string>; body: unknown }[];
            }
          ).responses;
          const retry: typeof pending = [];
          let wait = 0;
          for (const r of responses) {
            const req = pending.find((p) => p.id === r.id)!;
            if (RETRYABLE.has(r.status) && attempt < maxRetries) {
              retry.push(req);
              const h = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
              wait = Math.max(wait, retryAfterMs(h["retry-after"] ?? null, attempt));
              continue;
            }
            const url = absolute(req.url);
            if (r.status !== 200) throw new GraphRequestError(url, r.status, errorDetail(JSON.stringify(r.body)));
            out[Number(r.id)] = { url, text: JSON.stringify(r.body), json: r.body as GraphPage["json"] };
          }
          pending = retry;
          if (pending.length) await sleep(wait);
        }
      }
      return out;
    },
  };
}

export type GraphClient = ReturnType<typeof graphClient>;

function errorDetail(text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (e) return `${e.code ?? ""}: ${e.message ?? ""}`.trim();
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200);
}
