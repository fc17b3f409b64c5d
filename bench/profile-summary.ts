/**
 * A textual flame summary of a V8 CPU profile (`node --cpu-prof`): the frames with the most
 * self time, and the share of time under chosen subtrees (total time), so a decision note
 * can say where a request's time goes without a graphical viewer.
 * Usage: tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const top = Number(topArg ?? 25);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs]
  .filter(([id]) => ["(idle)", "(program)"].includes(byId.get(id)!.callFrame.functionName))
  .reduce((a, [, us]) => a + us, 0);

const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, "$1").replace(/^node:/, "node:");
  return `${functionName || "(anonymous)"} ${where ? `${where}:${lineNumber + 1}` : ""}`.trim();
};
const self = new Map<string, number>();
for (const [id, us] of selfUs) self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + us);

const busy = total - idle;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
);
console.log("top self time:");
for (const [name, us] of [...self]
  .filter(([n]) => !n.startsWith("(idle)") && !n.startsWith("(program)"))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${pct(us)}  ${name}`);
}

// Self time by where the code lives: a package, one of our files, or Node itself.
const home = (n: Node) => {
  const url = n.callFrame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(src|bench)\/(.*)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url.startsWith("node:") ? "node internals" : "native (syscalls, GC, builtins)";
};
const byHome = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  if (["(idle)", "(program)"].includes(n.callFrame.functionName)) continue;
  byHome.set(home(n), (byHome.get(home(n)) ?? 0) + us);
}
console.log("self time by where the code lives:");
for (const [name, us] of [...byHome].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${name}`);

// Total time under a frame: its self time plus its descendants', once per sample.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const under = (match: (n: Node) => boolean) => {
  let us = 0;
  for (const [id, t] of selfUs) {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (match(byId.get(cur)!)) {
        us += t;
        break;
      }
    }
  }
  return us;
};
const groups: [string, (n: Node) => boolean][] = [
  ["json-rules-engine (the engine)", (n) => n.callFrame.url.includes("json-rules-engine")],
  ["zod (validation)", (n) => n.callFrame.url.includes("/zod/")],
  ["diagnoseCompiled (the compiled path, all of it)", (n) => n.callFrame.functionName === "diagnoseCompiled"],
  [
    "staff token checks (wrong-token count, token lookup)",
    (n) => ["refuseThrottledStaffClient", "bearerPrincipal"].includes(n.callFrame.functionName),
  ],
  // hono's c.req.json() is `(text) => JSON.parse(text)`, an anonymous frame in its request.js.
  [
    "request body JSON.parse (anonymous frames of hono's request.js)",
    (n) => n.callFrame.functionName === "" && n.callFrame.url.endsWith("hono/dist/request.js"),
  ],
  ["socket writes (writev)", (n) => n.callFrame.functionName === "writev"],
  ["computeFacts", (n) => n.callFrame.functionName === "computeFacts"],
  ["evidenceOf", (n) => n.callFrame.functionName === "evidenceOf"],
  ["referenceId", (n) => n.callFrame.functionName === "referenceId"],
  ["renderTemplate", (n) => n.callFrame.functionName === "renderTemplate"],
  [
    "JSON.parse / stringify",
    (n) => ["parse", "stringify"].includes(n.callFrame.functionName) && n.callFrame.url === "",
  ],
  ["garbage collector", (n) => n.callFrame.functionName === "(garbage collector)"],
];
console.log("total time under:");
for (const [name, match] of groups) console.log(`  ${pct(under(match))}  ${name}`);
