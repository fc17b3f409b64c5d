/**
 * The live client against a local replay of the hand-checked export: MSAL client credentials
 * against a local token endpoint, paging by nextLink with ConsistencyLevel re-sent, $batch,
 * a 429 with a fractional Retry-After (on a page and inside a batch), a transient page
 * failure, a token Graph stops accepting, and a page that keeps failing. What it imports must
 * equal the offline import of the same files; what it exports must replay offline the same.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../src/db/client";
import { snapshotsForTenant } from "../../src/db/snapshots";
import { ImportError } from "../../src/import/entra/import-error";
import { importExport, importFolder } from "../../src/import/entra/import-folder";
import { fetchExport } from "../../src/import/entra/live/fetch-export";
import { graphConfig } from "../../src/import/entra/live/graph-config";
import { readSettings } from "../../src/import/entra/read-export";
import { replayServer, type ReplayServer } from "./graph-replay-server";

const SMALL = join(import.meta.dirname, "../fixtures/entra/small");
const CAPTURED = new Date("2026-11-24T09:00:00.000Z");
const GROUP_SALES = "a49c8517-e2b8-5ed6-b166-bd31c5675a63";
let folder: string;
let server: ReplayServer;

beforeAll(() => {
  // The same export without per-user methods: a sweep never reads them live.
  folder = mkdtempSync(join(tmpdir(), "entra-live-"));
  cpSync(SMALL, folder, { recursive: true, filter: (src) => !src.startsWith(join(SMALL, "users") + "/") });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeEach(async () => {
  server = await replayServer(folder);
});
afterEach(() => server.close());

const config = () =>
  graphConfig({
    GRAPH_TENANT_ID: "northwind-tenant",
    GRAPH_CLIENT_ID: "app-id",
    GRAPH_CLIENT_SECRET: "s3cret",
    GRAPH_AUTHORITY_HOST: server.base,
    GRAPH_BASE_URL: server.graphBase,
  });
const settings = () => readSettings(join(folder, "sspr-settings.json"));

/** Snapshots without provenance (read times differ between a live read and the files). */
function importedSnapshots(db: Db) {
  return snapshotsForTenant(db, CAPTURED, "tnt-northwind.example").map((u) => ({
    ...u.snapshot,
    provenance: undefined,
  }));
}

describe("the live client", () => {
  it("imports what the offline import of the same files imports", async () => {
    const live = openDb(":memory:");
    const offline = openDb(":memory:");
    try {
      // Read "at" the export's capture time, so dates derived from read times agree.
      importExport(live.db, await fetchExport(config(), { settings: settings(), now: () => CAPTURED }), {
        importedAt: "2026-11-24T09:05:00.000Z",
      });
      importFolder(offline.db, folder, { importedAt: "2026-11-24T09:05:00.000Z" });
      expect(importedSnapshots(live.db)).toEqual(importedSnapshots(offline.db));
      expect(live.db.$client.prepare("SELECT source FROM tenants").pluck().get()).toBe("graph-live");
    } finally {
      live.close();
      offline.close();
    }
  });

  it("gets its token from the authority with client credentials and sends it to Graph", async () => {
    await fetchExport(config(), { settings: settings() });
    const tokenCall = server.log.find((l) => l.path === "/northwind-tenant/oauth2/v2.0/token");
    expect(tokenCall?.method).toBe("POST");
    expect(server.tokensIssued()).toBe(1);
    expect(
      server.log.filter((l) => l.path.startsWith("/v1.0/")).every((l) => l.headers.authorization === "Bearer token-1"),
    ).toBe(true);
  });

  it("follows nextLink and re-sends ConsistencyLevel on every page", async () => {
    await fetchExport(config(), { settings: settings() });
    const users = server.log.filter((l) => l.path === "/v1.0/users");
    expect(users.map((l) => l.query.includes("$skiptoken=2"))).toEqual([false, true]);
    expect(users.every((l) => l.headers.consistencylevel === "eventual")).toBe(true);
    expect(users[0]!.query).toContain("$select=");
  });

  it("reads group members through $batch, at most 20 per batch, and never a user's methods", async () => {
    await fetchExport(config(), { settings: settings() });
    expect(server.log.filter((l) => l.path === "/v1.0/$batch")).toHaveLength(1);
    expect(server.log.some((l) => l.path.includes("/authentication/methods"))).toBe(false);
  });

  it("waits out a 429 for its fractional Retry-After, on a page and inside a batch", async () => {
    server.fault("users", 2, { status: 429, headers: { "retry-after": "0.25" }, times: 1 });
    server.fault(`groups/${GROUP_SALES}/transitiveMembers`, 1, {
      status: 429,
      headers: { "Retry-After": "0.2" },
      times: 1,
    });
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), new Promise<void>((r) => setTimeout(r, ms)));
    const x = await fetchExport(config(), { settings: settings(), sleep });
    expect(waits).toEqual([250, 200]);
    const pages2 = server.log.filter((l) => l.path === "/v1.0/users" && l.query.includes("$skiptoken=2"));
    expect(pages2).toHaveLength(2);
    expect(pages2[1]!.at - pages2[0]!.at).toBeGreaterThanOrEqual(240);
    expect(server.log.filter((l) => l.path === "/v1.0/$batch")).toHaveLength(2);
    expect(x.users.items).toHaveLength(20);
    expect(x.groupMembers.get(GROUP_SALES)!.items.length).toBeGreaterThan(0);
  });

  it("retries a page that fails once (503), backing off when no Retry-After is given", async () => {
    server.fault("reports/authenticationMethods/userRegistrationDetails", 1, { status: 503, times: 1 });
    const waits: number[] = [];
    const x = await fetchExport(config(), { settings: settings(), sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([1000]);
    expect(x.registrationDetails!.items).toHaveLength(19);
  });

  it("renews its token once Graph stops accepting it", async () => {
    server.expireToken("token-1");
    await fetchExport(config(), { settings: settings() });
    expect(server.tokensIssued()).toBe(2);
    expect(server.log.filter((l) => l.headers.authorization === "Bearer token-2").length).toBeGreaterThan(5);
  });

  it("stops with the failing page named, and writes nothing, when a page keeps failing", async () => {
    server.fault("roleManagement/directory/roleAssignments", 1, {
      status: 500,
      body: { error: { code: "InternalServerError", message: "boom" } },
      times: 99,
    });
    const { db, close } = openDb(":memory:");
    try {
      const err = await fetchExport(config(), { settings: settings() }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).file).toBe(`${server.graphBase}/roleManagement/directory/roleAssignments`);
      expect((err as ImportError).message).toContain("HTTP 500: InternalServerError: boom");
      expect(db.$client.prepare("SELECT count(*) FROM tenants").pluck().get()).toBe(0);
    } finally {
      close();
    }
  });

  it("exports the layout the offline import reads, answers saved as received", async () => {
    const out = mkdtempSync(join(tmpdir(), "entra-export-"));
    const a = openDb(":memory:");
    const b = openDb(":memory:");
    try {
      await fetchExport(config(), { settings: settings(), saveTo: out });
      importFolder(a.db, out, { importedAt: "2026-11-24T09:05:00.000Z" });
      importFolder(b.db, folder, { importedAt: "2026-11-24T09:05:00.000Z" });
      expect(importedSnapshots(a.db)).toEqual(importedSnapshots(b.db));
    } finally {
      a.close();
      b.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
