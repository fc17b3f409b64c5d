/**
 * POST /diagnose/simulate on the simulate worker thread (flows/simulate.ts, ADR 015): a
 * caller gets the same answer as from the main thread — every byte but the timing — bad
 * input is refused exactly as before, the findings still reach the metrics, and a worker
 * that cannot serve (here: one that loaded other rules) leaves the main thread to answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createSimulator, type Simulator } from "../../src/flows/simulate";
import { createMetrics } from "../../src/http/metrics";
import { silentLog } from "../../src/log";
import { diagnosisExamples } from "../support/diagnosis-examples";
import { tenantUsers } from "../support/snapshots";
import { testApp, type TestContext } from "../support/test-deps";

let t: TestContext;
const metrics = createMetrics();
let simulator: Simulator;
let refusing: Simulator;
/** How many requests the worker answered (rather than handing back to the main thread). */
let answeredByWorker = 0;

const counted = (s: Simulator): Simulator => ({
  simulate: async (text) => {
    const simulated = await s.simulate(text);
    if (simulated) answeredByWorker++;
    return simulated;
  },
  close: () => s.close(),
});

beforeAll(async () => {
  t = await testApp();
  const base = { diagnoser: t.deps.diagnoser, articlesFor: t.deps.kb.articlesFor, log: silentLog };
  simulator = createSimulator({
    ...base,
    onFindings: (findings) => {
      for (const f of findings) metrics.findings.inc({ code: f.code, severity: f.severity });
    },
  });
  refusing = createSimulator({ ...base, workerData: { rulesVersion: "not-these-rules" } });
});
afterAll(async () => {
  await simulator.close();
  await refusing.close();
  t.close();
});

async function simulate(app: ReturnType<typeof createApp>, body: string, contentType = "application/json") {
  const res = await app.request("/api/v1/diagnose/simulate", {
    method: "POST",
    headers: { "content-type": contentType, ...t.auth("support") },
    body,
  });
  const text = await res.text();
  // The one field that differs between two runs of the same diagnosis: how long it took.
  const body_ =
    res.status === 200
      ? JSON.stringify({ ...JSON.parse(text), engine: { ...JSON.parse(text).engine, durationMs: 0 } })
      : text;
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    cache: res.headers.get("cache-control"),
    body: body_,
  };
}

describe("POST /api/v1/diagnose/simulate on a worker thread", () => {
  it("answers the examples and a generated tenant as the main thread does", async () => {
    const onWorker = createApp({ ...t.deps, simulator: counted(simulator) });
    const bodies = [
      ...diagnosisExamples().map((e) => JSON.stringify(e.snapshot)),
      ...tenantUsers(60, 5).map((u) => JSON.stringify(u.snapshot)),
    ];
    answeredByWorker = 0;
    for (const body of bodies) {
      const worker = await simulate(onWorker, body);
      expect(worker.status).toBe(200);
      expect(worker).toEqual(await simulate(t.app, body));
    }
    expect(answeredByWorker).toBe(bodies.length);
  });

  it("refuses bad input exactly as the main thread does, naming the field", async () => {
    const onWorker = createApp({ ...t.deps, simulator: counted(simulator) });
    const [example] = diagnosisExamples();
    const cases: [string, string, string?][] = [
      ["not JSON", "{ nope"],
      ["not a snapshot", JSON.stringify({ ...(example!.snapshot as object), now: "yesterday" })],
      ["an unknown field", JSON.stringify({ ...(example!.snapshot as object), extra: 1 })],
      ["an array", "[]"],
      ["text/plain", JSON.stringify(example!.snapshot), "text/plain"],
    ];
    answeredByWorker = 0;
    for (const [name, body, type] of cases) {
      const worker = await simulate(onWorker, body, type);
      expect(worker.status, name).toBeGreaterThanOrEqual(400);
      expect(worker, name).toEqual(await simulate(t.app, body, type));
    }
    expect(answeredByWorker).toBe(0);
    const now = JSON.parse((await simulate(onWorker, cases[1]![1])).body) as { field: string };
    expect(now.field).toBe("now");
  });

  it("counts the worker's findings in the metrics", async () => {
    const onWorker = createApp({ ...t.deps, simulator: simulator });
    const blocked = diagnosisExamples().find((e) => e.expect.primary !== null)!;
    const before =
      (await metrics.findings.get()).values.find((v) => v.labels.code === blocked.expect.primary)?.value ?? 0;
    expect((await simulate(onWorker, JSON.stringify(blocked.snapshot))).status).toBe(200);
    const after = (await metrics.findings.get()).values.find((v) => v.labels.code === blocked.expect.primary)?.value;
    expect(after).toBe(before + 1);
  });

  it("answers on the main thread when the worker cannot serve", async () => {
    const onRefusing = createApp({ ...t.deps, simulator: counted(refusing) });
    const body = JSON.stringify(diagnosisExamples()[0]!.snapshot);
    answeredByWorker = 0;
    const res = await simulate(onRefusing, body);
    expect(res.status).toBe(200);
    expect(res).toEqual(await simulate(t.app, body));
    expect(answeredByWorker).toBe(0);
    // Once refused, it stays out of the way.
    expect(await refusing.simulate(body)).toBeUndefined();
  });
});
