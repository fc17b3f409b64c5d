/**
 * No enumeration, measured (`npm run bench:enumeration`): the reset steps for a real
 * login and for an unknown one should take the same time, because they do the same
 * work (a code is drawn and hashed whether or not the contact matches; an unknown
 * login's code and answers are checked against a decoy hash). Prints p50/p90 per step
 * and the ratio; a ratio near 1.00 is what an attacker with a stopwatch sees.
 */
import { createApp } from "../src/app";
import { cryptoRandom, systemClock } from "../src/clock";
import { openDb } from "../src/db/client";
import { seedDemo } from "../src/db/seed/seed";
import { silentLog } from "../src/log";
import { buildDeps } from "../src/wiring";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const { db } = openDb(":memory:");
await seedDemo(db, systemClock);
const deps = await buildDeps({ db, clock: systemClock, random: cryptoRandom, log: silentLog, demo: true });
const app = createApp(deps);

const post = async (path: string, body: unknown) => {
  const t = performance.now();
  const res = await app.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { ms: performance.now() - t, json };
};

type Step = "start" | "challenge (email)" | "verify (wrong code)" | "questions" | "verify (answers)";
const times: Record<string, Record<Step, number[]>> = { real: {} as never, unknown: {} as never };
const add = (who: string, step: Step, ms: number) => (times[who]![step] ??= []).push(ms);

// Fresh users per run keep the throttle out of the picture: each real run uses another persona.
const REAL = [
  "alex.healthy@contoso.example",
  "nick.nested@contoso.example",
  "sam.synced@contoso.example",
  "larry.locked@contoso.example",
  "reggie.reconfirm@contoso.example",
  "emma.ownmail@contoso.example",
  "quinn.questions@contoso.example",
];
for (let i = 0; i < RUNS; i++) {
  for (const who of i % 2 ? ["real", "unknown"] : ["unknown", "real"]) {
    const login = who === "real" ? REAL[i % REAL.length]! : `nobody${i}@contoso.example`;
    db.$client.prepare("DELETE FROM throttle_events").run();
    const s = await post("/reset/start", { login });
    add(who, "start", s.ms);
    const flowId = s.json.flowId as string;
    add(
      who,
      "challenge (email)",
      (await post(`/reset/${flowId}/challenge`, { method: "email", contact: "someone@home.example" })).ms,
    );
    add(who, "verify (wrong code)", (await post(`/reset/${flowId}/verify`, { method: "email", code: "00000000" })).ms);
    add(who, "questions", (await post(`/reset/${flowId}/challenge`, { method: "security_questions" })).ms);
    const questions = (await post(`/reset/${flowId}/challenge`, { method: "security_questions" })).json.questions as {
      id: string;
    }[];
    add(
      who,
      "verify (answers)",
      (
        await post(`/reset/${flowId}/verify`, {
          method: "security_questions",
          answers: questions.map((q) => ({ questionId: q.id, answer: "wrong answer" })),
        })
      ).ms,
    );
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * (xs.length - 1))]!;
console.log(`reset steps, real vs unknown login, ${RUNS} runs each (ms)`);
console.log("step                    real p50   unknown p50   ratio   real p90   unknown p90");
for (const step of Object.keys(times.real!) as Step[]) {
  const r = times.real![step];
  const u = times.unknown![step];
  console.log(
    `${step.padEnd(22)} ${pct(r, 50).toFixed(1).padStart(9)} ${pct(u, 50).toFixed(1).padStart(13)} ${(pct(u, 50) / pct(r, 50)).toFixed(2).padStart(7)} ${pct(r, 90).toFixed(1).padStart(10)} ${pct(u, 90).toFixed(1).padStart(13)}`,
  );
}
