/**
 * Knowledge-base benchmark (`npm run bench:kb`): cold build, warm (cached)
 * load — in this process and in a fresh one, which is what a real restart
 * pays — serialized index size, and query latency p50/p99 over a fixed query
 * list, with the 3-word fuzzy queries reported on their own.
 * It also reports relevance on real people's queries (portal codes, pasted
 * audit reasons, event ids, typos, both languages): MRR@5 and hit@3 per UI
 * locale, from the same list the relevance test holds to its target.
 * Targets: p99 < 2 ms for 3-word fuzzy queries; warm start < 200 ms; MRR@5 ≥ 0.9.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { readCache } from "../src/knowledge/cache";
import { loadKnowledgeBase, type KnowledgeBase, type Locale } from "../src/knowledge/knowledge-base";
import { measure, REAL_QUERIES, type Relevance } from "../test/unit/knowledge/real-queries";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CONTENT = join(ROOT, "content");
/** Each query runs RUNS times per round; ROUNDS rounds, because on a shared 2-core machine one
 * round's p99 mostly measures the neighbours. Both the best and the worst round are printed. */
const RUNS = 200;
const ROUNDS = 3;

type BenchQuery = { q: string; locale: Locale };
const en = (q: string): BenchQuery => ({ q, locale: "en" });
const lv = (q: string): BenchQuery => ({ q, locale: "lv" });

/** Three words, each with a typo or missing diacritics: every term goes through fuzzy lookup. */
const FUZZY_3 = [
  en("verifcation cod expird"),
  en("pasword to shrot"),
  en("acount lockd out"),
  en("writback conector down"),
  en("secuirty questons rules"),
  en("licnse writeback mising"),
  en("registr securty informaton"),
  en("admininstrator two metods"),
  en("gest usr reset"),
  en("notifcation admins pasword"),
  lv("kods nepienaca sms"),
  lv("parole parak isa"),
  lv("drosibas jautajumi aizmirsu"),
  lv("konts blokets atblokt"),
  lv("talruna numurs formats"),
];

const OTHER = [
  en("writback"),
  en("lockd out"),
  en("sms code never arrived"),
  en("admin needs 2 methods"),
  en("guest user reset"),
  en("forgot my password"),
  en("how long is the code valid"),
  en("code expired"),
  en("wrong code"),
  en("password too short"),
  en("banned password"),
  en("account disabled"),
  en("user not found"),
  en("no licence"),
  en("connector offline"),
  en("heartbeat late"),
  en("phone number format"),
  en("how do i register"),
  en("enable sspr for a group"),
  en("reset from windows login screen"),
  en("reference id helpdesk"),
  en("pwdlastset permission"),
  en("2fa"),
  en("mfa"),
  lv("parole par isu"),
  lv("kods nepienāca"),
  lv("konts bloķēts"),
  lv("aizmirsu paroli"),
  lv("viesa konts"),
  lv("atsauces id"),
  lv("paroles atpakaļrakstīšana"),
  lv("writeback connector"),
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Timing = { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number };

/**
 * Wall time per query, and this process's CPU time per query: on a machine
 * shared with other engineers' suites the wall-clock p99 mostly measures how
 * long a query waited for a core; CPU time (getrusage, microseconds) is what
 * the query itself cost.
 */
function timeRound(kb: KnowledgeBase, queries: BenchQuery[]): Timing {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const { q, locale } of queries) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      kb.search(q, { locale });
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1)!,
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
  };
}

function timeQueries(kb: KnowledgeBase, queries: BenchQuery[]): { best: Timing; worst: Timing } {
  for (const { q, locale } of queries) kb.search(q, { locale }); // warm the JIT and snippet caches first
  const rounds = Array.from({ length: ROUNDS }, () => timeRound(kb, queries)).sort((a, b) => a.p99 - b.p99);
  return { best: rounds[0]!, worst: rounds.at(-1)! };
}

/** Child mode: a fresh process that only loads the cached KB, as a restart would. */
async function warmChild(cacheDir: string): Promise<void> {
  const started = performance.now();
  const kb = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir });
  const total = performance.now() - started;
  process.stdout.write(JSON.stringify({ loadMs: kb.stats.loadMs, totalMs: total, fromCache: kb.stats.fromCache }));
}

async function main(): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), "kb-bench-"));
  try {
    const cold = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir });
    const warm = await loadKnowledgeBase({ contentDir: CONTENT, cacheDir });
    if (!warm.stats.fromCache) throw new Error("the second load did not come from the cache");

    const child = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--warm-child", cacheDir], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    ) as { loadMs: number; totalMs: number; fromCache: boolean };

    const cached = await readCache(cacheDir, cold.contentHash);
    const indexBytes = cached ? Buffer.byteLength(cached.indexes.en) + Buffer.byteLength(cached.indexes.lv) : 0;
    const cacheFile = readdirSync(cacheDir).find((n) => n.endsWith(".json"))!;
    const cacheBytes = statSync(join(cacheDir, cacheFile)).size;

    const fuzzy = timeQueries(warm, FUZZY_3);
    const all = timeQueries(warm, [...FUZZY_3, ...OTHER]);
    const real = timeQueries(
      warm,
      REAL_QUERIES.map(({ q, locale }) => ({ q, locale })),
    );
    const relevance: [string, Relevance][] = [
      [
        "en UI",
        measure(
          warm,
          REAL_QUERIES.filter((c) => c.locale === "en"),
        ),
      ],
      [
        "lv UI",
        measure(
          warm,
          REAL_QUERIES.filter((c) => c.locale === "lv"),
        ),
      ],
      ["all", measure(warm, REAL_QUERIES)],
    ];

    const ms = (n: number) => `${n.toFixed(3)} ms`;
    const line = (t: Timing) => `${ms(t.p50)} / ${ms(t.p99)} / ${ms(t.max)}`;
    const n = FUZZY_3.length + OTHER.length;
    const rows: [string, string][] = [
      ["articles / sections", `${cold.stats.articles} / ${cold.stats.sections}`],
      ["cold build (parse + render + index + write cache)", ms(cold.stats.loadMs)],
      ["warm load, same process", ms(warm.stats.loadMs)],
      ["warm load, fresh process (loadKnowledgeBase)", ms(child.loadMs)],
      ["serialized index (en + lv minisearch JSON)", `${(indexBytes / 1024).toFixed(1)} KiB`],
      ["whole cache file (articles + html + index)", `${(cacheBytes / 1024).toFixed(1)} KiB`],
      [`all ${n} queries × ${RUNS}, p50 / p99 / max, best round`, line(all.best)],
      [`all ${n} queries × ${RUNS}, p50 / p99 / max, worst round`, line(all.worst)],
      [`3-word fuzzy ${FUZZY_3.length} × ${RUNS}, p50 / p99 / max, best round`, line(fuzzy.best)],
      [`3-word fuzzy ${FUZZY_3.length} × ${RUNS}, p50 / p99 / max, worst round`, line(fuzzy.worst)],
      [`real-people queries ${REAL_QUERIES.length} × ${RUNS}, p50 / p99 / max, best round`, line(real.best)],
      [
        `CPU time per query (no waiting for a core), p50 / p99: 3-word fuzzy`,
        `${ms(fuzzy.best.cpuP50)} / ${ms(fuzzy.best.cpuP99)}`,
      ],
      [
        `CPU time per query, p50 / p99: all ${n} / real-people ${REAL_QUERIES.length}`,
        `${ms(all.best.cpuP50)} / ${ms(all.best.cpuP99)} · ${ms(real.best.cpuP50)} / ${ms(real.best.cpuP99)}`,
      ],
      ...relevance.map(([name, r]): [string, string] => [
        `relevance, ${name} (${r.queries} real-people queries): MRR@5 / hit@3`,
        `${r.mrr5.toFixed(3)} / ${(r.hit3 * 100).toFixed(1)}%`,
      ]),
      ["load average (1 min) / cores", `${loadavg()[0]!.toFixed(2)} / ${cpus().length}`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\nknowledge base benchmark (${new Date().toISOString()}, node ${process.version})\n`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    console.log(
      `\n  targets: 3-word fuzzy p99 < 2 ms: ${fuzzy.best.p99 < 2 ? "met" : "MISSED"} (best round; CPU time ${fuzzy.best.cpuP99 < 2 ? "met" : "MISSED"}); warm start < 200 ms: ${child.loadMs < 200 ? "met" : "MISSED"}; ` +
        `MRR@5 ≥ 0.9: ${relevance[2]![1].mrr5 >= 0.9 ? "met" : "MISSED"}\n`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--warm-child") await warmChild(process.argv[3]!);
else await main();
