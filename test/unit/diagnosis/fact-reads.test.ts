/**
 * The table of what each fact reads is what lets a sweep skip worlds (rule-worlds.ts), so it
 * must never miss a read: changing one unknown path's value may move only the facts the
 * table says read that path. Checked over every unknown path on generated snapshots.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UNKNOWN_PATHS } from "../../../src/domain/unknown-facts";
import { FACT_READS, factReads, overlaps, writtenRegion } from "../../../src/diagnosis/fact-reads";
import { FACTS, type FactName, type Facts } from "../../../src/diagnosis/facts";
import { factWorlds } from "../../../src/diagnosis/unknowns";
import { assertWithin } from "../../support/property-budget";
import { caseArb } from "./arbitraries";

/** Every fact as a rule reads it: a plain fact, or one key of an object fact. */
const LEAVES: [FactName, string | undefined][] = (Object.keys(FACTS) as FactName[]).flatMap((fact) => {
  const spec = FACTS[fact];
  return spec.kind === "object"
    ? spec.keys.map((key): [FactName, string | undefined] => [fact, key])
    : [[fact, undefined] as [FactName, string | undefined]];
});

const leafOf = (facts: Facts, fact: FactName, key: string | undefined): unknown => {
  const value = facts[fact] as unknown;
  return key === undefined ? value : (value as Record<string, unknown>)[key];
};

describe("FACT_READS", () => {
  it("names the reads of every key of every object fact", () => {
    for (const [fact, key] of LEAVES) {
      if (key !== undefined && fact !== "limits") expect(Object.keys(FACT_READS[fact]), fact).toContain(key);
    }
  });

  it("moves no fact outside a path's reads when that unknown path takes another value", () => {
    const paths = Object.keys(UNKNOWN_PATHS);
    const arb = fc.tuple(caseArb, fc.subarray(paths, { minLength: 1, maxLength: 3 }));
    assertWithin(
      fc.property(arb, ([{ snapshot, context }, unknown]) => {
        const worlds = factWorlds({ ...snapshot, unknown }, context);
        if (!worlds.exhaustive) return;
        const index = new Map(worlds.choices.map((choice, w) => [choice.join(","), w]));
        worlds.paths.forEach((path, i) => {
          const region = writtenRegion(path);
          const blind = LEAVES.filter(([fact, key]) => !factReads(fact, key).some((read) => overlaps(read, region)));
          worlds.choices.forEach((choice, w) => {
            if (choice[i] === 0) return;
            const base = index.get(choice.map((v, j) => (j === i ? 0 : v)).join(","))!;
            for (const [fact, key] of blind) {
              const moved = leafOf(worlds.facts[w]!, fact, key);
              const given = leafOf(worlds.facts[base]!, fact, key);
              if (!isDeepStrictEqual(moved, given))
                expect(moved, `${path} moved ${fact}${key ? `.${key}` : ""}`).toEqual(given);
            }
          });
        });
      }),
      { max: 1_000, min: 100, timeLimitMs: 5_000 },
    );
  });
});

describe("overlaps", () => {
  it("sees a rewrite of a path, of what contains it and of what it contains, and nothing beside it", () => {
    expect(overlaps("methods", "methods.security_questions.questionsAnswered")).toBe(true);
    expect(overlaps("user.cloudLockout", "user.cloudLockout.lockedUntil")).toBe(true);
    expect(overlaps("user.onPremises.lockedOut", "user.onPremises.lockedOut")).toBe(true);
    expect(overlaps("user.onPremises.lockedOut", "user.onPremises.found")).toBe(false);
    expect(overlaps("user.roles", "user.rolesExtra")).toBe(false);
  });
});
