/**
 * Browser tests stand on this: the whole app served over real HTTP on an ephemeral
 * loopback port (in-memory SQLite, demo tenants seeded, the real clock), and Debian's
 * Chromium driven by playwright-core.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../../src/app";
import { cryptoRandom, systemClock } from "../../src/clock";
import { openDb } from "../../src/db/client";
import { seedDemo } from "../../src/db/seed/seed";
import { silentLog } from "../../src/log";
import { createStaffToken } from "../../src/db/staff-tokens";
import { buildDeps } from "../../src/wiring";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function startServer() {
  const { db, close: closeDb } = openDb(":memory:");
  await seedDemo(db, systemClock);
  const deps = await buildDeps({
    db,
    clock: systemClock,
    random: cryptoRandom,
    log: silentLog,
    demo: true,
    cacheDir: ".cache/kb",
  });
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const adminToken = createStaffToken(db, cryptoRandom, "admin", "browser test").token;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    db,
    adminToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          closeDb();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Headless Chromium with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** The newest code the dev mailbox page shows for a recipient, read the way a person would. */
export async function codeFromMailboxPage(page: Page, baseUrl: string, to: string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    await page.goto(`${baseUrl}/dev/mailbox?to=${encodeURIComponent(to)}`);
    const text = await page.locator("body").innerText();
    const m = /\b(\d{6,8})\b/.exec(text.split(to).slice(1).join(to) || text);
    if (m) return m[1]!;
    await page.waitForTimeout(100);
  }
  throw new Error(`no code for ${to} in the dev mailbox`);
}

/**
 * One server and one browser for a test file, started before its tests and stopped
 * after. Read `suite.server` / `suite.browser` inside tests (they exist from beforeAll).
 */
export function browserSuite() {
  const suite = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/**
 * A page that records what a person would call broken: script errors, console errors
 * (CSP refusals are reported there) and failed requests — except the favicon the
 * browser asks for on its own, which we do not serve.
 */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, problems };
}

/** axe-core's source, read once; injected by evaluation (the page's CSP refuses script tags we did not serve). */
let axeSource: string | undefined;

/**
 * The serious and critical accessibility violations axe-core finds in the page as it is
 * now, as "rule: target" lines (empty when there are none).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    // The whole document (axe's default context); the page's globals are not in this tsconfig's lib.
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => String(n.target[0])),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${new URL(page.url()).pathname}: ${v.id} (${v.impact}) at ${v.targets.slice(0, 3).join(", ")}`);
}
