/**
 * Every catalogue row, through json-rules-engine: it fires on its case and stays silent on
 * its near miss (catalogue-cases.ts).
 */
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../../src/domain/catalogue";
import { ROWS } from "./catalogue-cases";
import { diagnoser } from "./setup";
import { snapshot } from "../../support/snapshots";

const fires = ROWS.flatMap((row) => row.fires.map((c) => [row.code, c.name, c] as const));
const misses = ROWS.flatMap((row) => row.nearMiss.map((c) => [row.code, c.name, c] as const));

describe("the catalogue rows", () => {
  it("has a firing case and a near miss for every catalogue code", () => {
    expect(ROWS.map((r) => r.code).sort()).toEqual([...FINDING_CODES].sort());
    for (const row of ROWS) {
      expect(row.fires.length, row.code).toBeGreaterThan(0);
      expect(row.nearMiss.length, row.code).toBeGreaterThan(0);
    }
  });

  it("starts from a healthy snapshot that raises no finding at all", async () => {
    const d = await diagnoser.diagnose(snapshot());
    expect(d.findings).toEqual([]);
    expect(d.verdict).toBe("can_reset");
  });

  it.each(fires)("raises %s when %s", async (code, _name, c) => {
    const d = await diagnoser.diagnose(c.snapshot, c.context);
    expect(d.findings.map((f) => f.code)).toContain(code);
  });

  it.each(misses)("does not raise %s when %s", async (code, _name, c) => {
    const d = await diagnoser.diagnose(c.snapshot, c.context);
    expect(d.findings.map((f) => f.code)).not.toContain(code);
  });
});
