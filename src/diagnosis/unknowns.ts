/**
 * Three-valued diagnosis (CATALOGUE.md v2, "Unknown facts are never guessed"). A snapshot
 * may list paths its source could not read; each has a few values it could really have
 * (domain/unknown-facts.ts). This module computes the facts of every combination of those
 * values — the worlds — and classifies each rule over them: it fires when it fires in
 * every world, is left out when it fires in none, and is undecided otherwise; an
 * undecided rule is decided by an unknown path when two worlds that differ only in that
 * path disagree on it. Both evaluators (json-rules-engine and compiled.ts) run each world
 * through their own conditions and hand the outcomes here, so they classify identically.
 * Without unknown paths there is exactly one world and nothing changes. See
 * docs/decisions/009.
 */
import { FINDING_CODES, FINDINGS, type FindingCode } from "../domain/catalogue";
import type { Snapshot } from "../domain/snapshot";
import { isUnknownPath, UNKNOWN_PATHS, type Variant } from "../domain/unknown-facts";
import type { Evidence } from "./evidence";
import { computeFacts, type FactContext, type Facts } from "./facts";

/**
 * Above this many combinations the worlds are not enumerated: the as-given world, each
 * single path changed alone, and all paths at their last value are tried instead (a
 * finding constant over those is taken as decided). 4 unknown booleans and 5 methods of
 * unknown verification make 512; real imports list a handful of paths.
 */
export const MAX_WORLDS = 1024;

/** The finding the three-valued pass itself raises; it reads the facts the pass fills in. */
export const INSUFFICIENT_EVIDENCE: FindingCode = "insufficient_evidence";

export type Worlds = {
  /** The unknown paths, without duplicates, in the order the snapshot lists them. */
  paths: string[];
  /** Facts of each world; world 0 is the snapshot as given (its facts are the ones shown). */
  facts: Facts[];
  /** For each world, the index of the value chosen for each path (0 = as given). */
  choices: number[][];
  /** False when there were more than MAX_WORLDS combinations and only a sample was tried. */
  exhaustive: boolean;
};

/**
 * The worlds tried, as each path's chosen value: every combination, or (not exhaustive) the
 * as-given world, each path changed alone and every path at its last value.
 *
 * @example
 * combinations([2, 3], true).length; // 6
 */
export function combinations(sizes: readonly number[], exhaustive: boolean): number[][] {
  if (!exhaustive) {
    const out: number[][] = [sizes.map(() => 0)];
    sizes.forEach((size, i) => {
      for (let v = 1; v < size; v++) out.push(sizes.map((_, j) => (j === i ? v : 0)));
    });
    out.push(sizes.map((size) => size - 1));
    return out;
  }
  let out: number[][] = [[]];
  for (const size of sizes) out = out.flatMap((prefix) => Array.from({ length: size }, (_, v) => [...prefix, v]));
  return out;
}

/**
 * Every world of a snapshot: one per combination of its unknown paths' values.
 *
 * @example
 * factWorlds(snapshotWithUnknown(["user.onPremises.lockedOut"])).facts.length; // 2
 * factWorlds(snapshotWithoutUnknowns).facts.length; // 1
 */
export function factWorlds(snapshot: Snapshot, context: FactContext = {}): Worlds {
  // A snapshot built without parseSnapshot (the database loader) may carry a path we cannot
  // vary; it stays listed in the facts but cannot split worlds.
  const paths = [...new Set(snapshot.unknown ?? [])].filter(isUnknownPath);
  if (paths.length === 0) return { paths, facts: [computeFacts(snapshot, context)], choices: [[]], exhaustive: true };
  const variants: Variant[][] = paths.map((path) => UNKNOWN_PATHS[path]!.variants(snapshot));
  const sizes = variants.map((v) => v.length);
  const exhaustive = sizes.reduce((product, size) => product * size, 1) <= MAX_WORLDS;
  const choices = combinations(sizes, exhaustive);
  const facts = choices.map((choice) => {
    let world = snapshot;
    choice.forEach((v, i) => (world = variants[i]![v]!(world)));
    return computeFacts(world, context);
  });
  return { paths, facts, choices, exhaustive };
}

export type Classification = {
  /** Codes that fire in every world, in catalogue order. */
  fire: FindingCode[];
  /** Codes that fire in some worlds only, in catalogue order. */
  undecided: FindingCode[];
  /** For each unknown path, the undecided codes it could decide. */
  decides: Map<string, FindingCode[]>;
};

/**
 * Classifies rules over the worlds from their outcomes (`fires(code, world)`); with
 * `attribute: false` (a sweep, which needs only the codes) the paths are not attributed.
 *
 * @example
 * classify(worlds, codes, (code, w) => outcomes[w].has(code)).undecided; // ["method_unverified"]
 */
export function classify(
  worlds: Worlds,
  codes: readonly FindingCode[],
  fires: (code: FindingCode, world: number) => boolean,
  options: { attribute?: boolean } = {},
): Classification {
  const fire: FindingCode[] = [];
  const undecided: FindingCode[] = [];
  const decides = new Map<string, FindingCode[]>(worlds.paths.map((p) => [p, []]));
  const n = worlds.facts.length;
  // Per path, each world's key of every other path's choice: two worlds with one key differ only in that path.
  let keys: string[][] | undefined;
  for (const code of codes) {
    if (code === INSUFFICIENT_EVIDENCE) continue;
    const outcome = Array.from({ length: n }, (_, w) => fires(code, w));
    if (outcome.every(Boolean)) fire.push(code);
    else if (outcome.some(Boolean)) {
      undecided.push(code);
      if (options.attribute === false) continue;
      keys ??= worlds.paths.map((_, i) => worlds.choices.map((choice) => choice.filter((_, j) => j !== i).join(",")));
      worlds.paths.forEach((path, i) => {
        const groups = new Map<string, boolean>();
        for (let w = 0; w < n; w++) {
          const key = keys![i]![w]!;
          const seen = groups.get(key);
          if (seen === undefined) groups.set(key, outcome[w]!);
          else if (seen !== outcome[w]) {
            decides.get(path)!.push(code);
            return;
          }
        }
      });
    }
  }
  const order = (list: FindingCode[]) => list.sort((a, b) => FINDING_CODES.indexOf(a) - FINDING_CODES.indexOf(b));
  return { fire: order(fire), undecided: order(undecided), decides };
}

/**
 * The facts the insufficient_evidence rule and the texts read: world 0's, with the
 * undecided findings and what each unknown path could decide filled in.
 *
 * @example
 * withUndecided(worlds, classification).undecidedFindings; // ["method_unverified", "not_enough_methods"]
 */
export function withUndecided(worlds: Worlds, classification: Classification): Facts {
  return {
    ...worlds.facts[0]!,
    undecidedFindings: [...classification.undecided],
    undecidedFindingCount: classification.undecided.length,
    undecidedBlockerCount: classification.undecided.filter((code) => FINDINGS[code].severity === "blocker").length,
    unknownDecides: worlds.paths.map((path) => {
      const codes = classification.decides.get(path) ?? [];
      return `${path}: ${codes.length ? `could decide ${codes.join(", ")}` : "decides no finding"}; obtain it from ${UNKNOWN_PATHS[path]!.obtain}`;
    }),
  };
}

/**
 * The evidence insufficient_evidence adds to its condition's: one row per unknown path with
 * the findings it could decide (`expected`), its value being unknown (`actual: null`) and
 * how to obtain it.
 *
 * @example
 * unknownEvidence(worlds, classification)[0];
 * // { fact: "unknown", path: "methods[].verified", operator: "could_decide",
 * //   expected: ["method_unverified"], actual: null, obtain: "Graph GET /users/{id}/authentication/methods …" }
 */
export function unknownEvidence(worlds: Worlds, classification: Classification): Evidence[] {
  const rows = worlds.paths.map((path): Evidence => ({
    fact: "unknown",
    path,
    operator: "could_decide",
    expected: [...(classification.decides.get(path) ?? [])],
    actual: null,
    obtain: UNKNOWN_PATHS[path]!.obtain,
  }));
  if (!worlds.exhaustive) {
    rows.push({
      fact: "unknown",
      operator: "sampled",
      expected: MAX_WORLDS,
      actual: worlds.facts.length,
      obtain: "too many unknown combinations to try them all; a sample was tried",
    });
  }
  return rows;
}
