/**
 * The three-valued pass for a sweep, rule by rule: each rule is tried only in the worlds
 * that differ in the unknown paths it can see. A rule's outcome in a world depends only on
 * the facts it reads, and those only on the snapshot paths fact-reads.ts lists; so two
 * worlds that differ only in paths the rule cannot see give it the same outcome, and its
 * outcomes over every world are its outcomes over the worlds with those other paths as
 * given. A synced user whose six on-premises flags, registration date, contact values and
 * answers are unknown is 2,304 worlds for unknowns.ts and about twenty here; the answer
 * (fire in every world, in some, in none) is the same, which the differential test holds.
 * Only the codes are answered: evidence and the paths that decide a finding stay with the
 * full pass (engine.ts, unknowns.ts). See docs/decisions/016.
 */
import { catalogueIndex, type FindingCode } from "../domain/catalogue";
import { memoByIdentity } from "../domain/memo";
import type { Snapshot } from "../domain/snapshot";
import { isUnknownPath, UNKNOWN_PATHS, type Variant } from "../domain/unknown-facts";
import { firingCodes, type CompiledRule } from "./compiled";
import { factReads, overlaps, writtenRegion } from "./fact-reads";
import { computeFacts, isFactName, type FactContext, type Facts } from "./facts";
import { isFactRef, isLeaf, type Condition } from "./rule-schema";
import { combinations, INSUFFICIENT_EVIDENCE, MAX_WORLDS, withUndecided } from "./unknowns";

type Plan = {
  /** The distinct worlds any rule needs, as each path's chosen value; world 0 is all as given. */
  worlds: number[][];
  /** Per rule (in the compiled order), the worlds it is tried in: world 0, then the rest last to first. */
  perRule: number[][];
};

type Prepared = { reads: string[][]; plans: Map<string, Plan> };

// Imports repeat a few unknown lists over 100,000 users: one plan per distinct list and sizes.
const PLANS_KEPT = 1_000;

/** Every snapshot path a rule's conditions read, through the facts they name. */
function readsOf(condition: Condition, out: Set<string>): Set<string> {
  if ("all" in condition) for (const c of condition.all) readsOf(c, out);
  else if ("any" in condition) for (const c of condition.any) readsOf(c, out);
  else if ("not" in condition) readsOf(condition.not, out);
  else if (isLeaf(condition)) {
    const refs = [condition, ...(isFactRef(condition.value) ? [condition.value] : [])];
    for (const { fact, path } of refs) {
      // rules.ts refused unknown facts at load; a name slipping past would be a bug, so it reads everything.
      if (!isFactName(fact)) out.add("");
      else for (const read of factReads(fact, path)) out.add(read);
    }
  }
  return out;
}

const preparedFor = memoByIdentity((compiled: readonly CompiledRule[]): Prepared => ({
  reads: compiled.map((rule) => [...readsOf(rule.rule.conditions, new Set())]),
  plans: new Map(),
}));

function planOf(reads: readonly string[][], paths: readonly string[], sizes: readonly number[]): Plan {
  const exhaustive = sizes.reduce((product, size) => product * size, 1) <= MAX_WORLDS;
  // Past MAX_WORLDS unknowns.ts tries a sample; projected onto a rule's paths it is that rule's sample.
  const sample = exhaustive ? undefined : combinations(sizes, false);
  const regions = paths.map(writtenRegion);
  const worlds: number[][] = [];
  const index = new Map<string, number>();
  const add = (choice: number[]): number => {
    const key = choice.join(",");
    let w = index.get(key);
    if (w === undefined) {
      index.set(key, (w = worlds.length));
      worlds.push(choice);
    }
    return w;
  };
  add(sizes.map(() => 0));
  const perRule = reads.map((ruleReads) => {
    // "" (a fact we could not place) sees every path.
    const seen = sizes.map(
      (size, i) => size > 1 && ruleReads.some((read) => read === "" || overlaps(read, regions[i]!)),
    );
    if (!seen.includes(true)) return [0];
    const choices = sample
      ? sample.map((choice) => choice.map((v, i) => (seen[i] ? v : 0)))
      : combinations(
          sizes.map((size, i) => (seen[i] ? size : 1)),
          true,
        );
    // World 0 first, then the others from the last: a path's last values are its extremes
    // (no answers, every value malformed, confirmed two years ago), which most often
    // disagree with the as-given world, and one disagreement settles a rule as undecided.
    const tried = [...new Set(choices.map(add))].filter((w) => w !== 0).sort((a, b) => b - a);
    return [0, ...tried];
  });
  return { worlds, perRule };
}

/**
 * Per rule (in the compiled order), every snapshot path its conditions read through the
 * facts they name; "" marks a fact that could not be placed, which reads everything.
 *
 * @example
 * ruleReads(compiled)[0]; // ["user.roles", "user.groups", "policy.enablement", "policy.selectedGroups"]
 */
export function ruleReads(compiled: readonly CompiledRule[]): readonly string[][] {
  return preparedFor(compiled).reads;
}

type UserWorlds = {
  snapshot: Snapshot;
  variants: readonly Variant[][];
  choices: readonly number[][];
  context: FactContext;
  /** Facts of each world, computed the first time a rule needs them. */
  facts: (Facts | undefined)[];
};

// A plain function rather than a closure per user: this runs for 100,000 users a sweep.
function factsIn(user: UserWorlds, w: number): Facts {
  let facts = user.facts[w];
  if (facts === undefined) {
    const choice = user.choices[w]!;
    let world = user.snapshot;
    for (let i = 0; i < user.variants.length; i++) world = user.variants[i]![choice[i]!]!(world);
    user.facts[w] = facts = computeFacts(world, user.context);
  }
  return facts;
}

/**
 * The codes a snapshot's diagnosis finds, in catalogue order: what `findingCodes` answers,
 * trying each rule only in the worlds whose unknown paths it reads.
 *
 * @example
 * findingCodesOverWorlds(compiled, importedSnapshot, { sharedMethodValues }); // ["insufficient_evidence", "single_point_of_failure"]
 */
export function findingCodesOverWorlds(
  compiled: readonly CompiledRule[],
  snapshot: Snapshot,
  context: FactContext = {},
): FindingCode[] {
  const paths = [...new Set(snapshot.unknown ?? [])].filter(isUnknownPath);
  if (paths.length === 0) return firingCodes(compiled, computeFacts(snapshot, context));
  const variants = paths.map((path) => UNKNOWN_PATHS[path]!.variants(snapshot));
  const sizes = variants.map((v) => v.length);
  const p = preparedFor(compiled);
  const key = `${paths.join("|")}#${sizes.join(",")}`;
  let plan = p.plans.get(key);
  if (plan === undefined) {
    if (p.plans.size >= PLANS_KEPT) p.plans.clear();
    p.plans.set(key, (plan = planOf(p.reads, paths, sizes)));
  }
  const facts: (Facts | undefined)[] = new Array(plan.worlds.length);
  const world = { snapshot, variants, choices: plan.worlds, context, facts };
  // Every path with a single value: one world, as without unknowns.
  if (sizes.every((size) => size === 1)) return firingCodes(compiled, factsIn(world, 0));

  const fire: FindingCode[] = [];
  const undecided: FindingCode[] = [];
  let insufficient: CompiledRule | undefined;
  for (let r = 0; r < compiled.length; r++) {
    const rule = compiled[r]!;
    if (rule.code === INSUFFICIENT_EVIDENCE) {
      insufficient = rule;
      continue;
    }
    let fires = false;
    let fails = false;
    // Once a rule has fired in one world and not in another it is undecided, whatever the rest say.
    for (const w of plan.perRule[r]!) {
      if (rule.test(factsIn(world, w))) fires = true;
      else fails = true;
      if (fires && fails) break;
    }
    if (fires && fails) undecided.push(rule.code);
    else if (fires) fire.push(rule.code);
  }
  const byCatalogue = (a: FindingCode, b: FindingCode) => catalogueIndex(a) - catalogueIndex(b);
  fire.sort(byCatalogue);
  if (undecided.length > 0 && insufficient !== undefined) {
    undecided.sort(byCatalogue);
    const decides = new Map(paths.map((path): [string, FindingCode[]] => [path, []]));
    const worlds = { paths, facts: [factsIn(world, 0)], choices: [plan.worlds[0]!], exhaustive: true };
    if (insufficient.test(withUndecided(worlds, { fire, undecided, decides }))) {
      fire.push(INSUFFICIENT_EVIDENCE);
      fire.sort(byCatalogue);
    }
  }
  return fire;
}
