/**
 * A local stand-in for Microsoft Entra and Graph (node:http on 127.0.0.1, port 0) that
 * replays an export folder: GET <path> answers `<path>.json`, later pages by $skiptoken with
 * nextLinks pointing back here; POST /$batch answers each sub-request the same way; the
 * token endpoint issues numbered tokens. Faults are scripted per test: a 429 with a
 * fractional Retry-After, a failing page, a token that stops being accepted.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export type Fault = { status: number; headers?: Record<string, string>; body?: unknown; times: number };

export type ReplayLog = {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage["headers"];
  at: number;
};

export type ReplayServer = {
  base: string;
  graphBase: string;
  log: ReplayLog[];
  tokensIssued: () => number;
  /** Fail the next `times` GETs of this path (and page): e.g. fault("users", 2, …). */
  fault(path: string, page: number, fault: Fault): void;
  /** From now on, refuse this token with 401 (as Graph does once a token expired). */
  expireToken(token: string): void;
  close(): Promise<void>;
};

export async function replayServer(folder: string): Promise<ReplayServer> {
  const log: ReplayLog[] = [];
  const faults = new Map<string, Fault>();
  const expired = new Set<string>();
  let tokens = 0;
  let base = "";

  const page = (path: string, n: number): { status: number; headers: Record<string, string>; body: unknown } => {
    const key = `${path}#${n}`;
    const f = faults.get(key);
    if (f && f.times > 0) {
      f.times--;
      return {
        status: f.status,
        headers: f.headers ?? {},
        body: f.body ?? { error: { code: "Injected", message: `fault on ${key}` } },
      };
    }
    const file = join(folder, `${path}${n === 1 ? "" : `.${n}`}.json`);
    if (!existsSync(file))
      return { status: 404, headers: {}, body: { error: { code: "Request_ResourceNotFound", message: path } } };
    const body = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete body["@odata.nextLink"];
    if (existsSync(join(folder, `${path}.${n + 1}.json`)))
      body["@odata.nextLink"] = `${base}/v1.0/${path}?$skiptoken=${n + 1}`;
    return { status: 200, headers: {}, body };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    log.push({
      method: req.method ?? "",
      path: url.pathname,
      query: url.search,
      headers: req.headers,
      at: performance.now(),
    });

    if (url.pathname.endsWith("/oauth2/v2.0/token")) {
      tokens++;
      return send(res, 200, {
        token_type: "Bearer",
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: `token-${tokens}`,
      });
    }
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!token || expired.has(token)) {
      return send(res, 401, {
        error: { code: "InvalidAuthenticationToken", message: "Lifetime validation failed, the token is expired." },
      });
    }
    if (req.method === "POST" && url.pathname === "/v1.0/$batch") {
      const { requests } = JSON.parse(text) as { requests: { id: string; url: string }[] };
      const responses = requests.map((r) => {
        const u = new URL(r.url, `${base}/v1.0/`);
        const path = u.pathname.replace(/^\/(v1\.0\/)?/, "");
        const p = page(path, 1);
        return { id: r.id, status: p.status, headers: p.headers, body: p.body };
      });
      return send(res, 200, { responses });
    }
    const path = url.pathname.replace(/^\/v1\.0\//, "");
    const n = Number(url.searchParams.get("$skiptoken") ?? "1");
    const p = page(path, n);
    return send(res, p.status, p.body, p.headers);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    graphBase: `${base}/v1.0`,
    log,
    tokensIssued: () => tokens,
    fault: (path, n, f) => faults.set(`${path}#${n}`, f),
    expireToken: (t) => expired.add(t),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
