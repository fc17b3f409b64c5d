/**
 * Provenance of evidence: which source a fact came from and when it was read.
 */
import { describe, expect, it } from "vitest";
import { FACTS } from "../../../src/diagnosis/facts";
import { FACT_PATHS, snapshotPathOf, sourceOf, withSources } from "../../../src/diagnosis/provenance";

const provenance = {
  source: "graph-export",
  readAt: "2026-11-24T08:00:00Z",
  facts: {
    user: { source: "graph-export", readAt: "2026-11-24T08:05:00Z" },
    "user.onPremises": { source: "ldap", readAt: "2026-11-24T09:00:00Z" },
    methods: { source: "graph-export", readAt: "2026-11-24T08:10:00Z" },
  },
};

describe("snapshotPathOf", () => {
  it("maps a derived fact and its path to the snapshot path it reads", () => {
    expect(snapshotPathOf({ fact: "onPremAccount", path: "lockedOut" })).toBe("user.onPremises.lockedOut");
    expect(snapshotPathOf({ fact: "throttle", path: "codesSentLastHour" })).toBe("throttle.codesSentLastHour");
    expect(snapshotPathOf({ fact: "usableMethodCount" })).toBe("methods");
    expect(snapshotPathOf({ fact: "unknown", path: "methods[].verified" })).toBe("methods[].verified");
    expect(snapshotPathOf({ fact: "limits", path: "MAX_CODES_PER_HOUR" })).toBeUndefined();
  });

  it("names only facts that exist", () => {
    for (const fact of Object.keys(FACT_PATHS)) expect(Object.keys(FACTS)).toContain(fact);
  });
});

describe("sourceOf", () => {
  it("takes the longest prefix that ends at a path boundary", () => {
    expect(sourceOf(provenance, "user.onPremises.lockedOut")).toEqual({
      source: "ldap",
      readAt: "2026-11-24T09:00:00Z",
    });
    expect(sourceOf(provenance, "user.onPremisesX")).toEqual({
      source: "graph-export",
      readAt: "2026-11-24T08:05:00Z",
    });
    expect(sourceOf(provenance, "methods[].verified")).toEqual({
      source: "graph-export",
      readAt: "2026-11-24T08:10:00Z",
    });
  });

  it("falls back to the snapshot's source, and to nothing without provenance", () => {
    expect(sourceOf(provenance, "throttle.codesSentLastHour")).toEqual({
      source: "graph-export",
      readAt: "2026-11-24T08:00:00Z",
    });
    expect(sourceOf({ facts: {} }, "throttle")).toBeUndefined();
    expect(sourceOf(undefined, "user")).toBeUndefined();
  });
});

describe("withSources", () => {
  it("adds the source to rows with a known path and leaves the input unchanged", () => {
    const rows = [
      { fact: "onPremAccount", path: "lockedOut", operator: "equal", expected: true, actual: true },
      { fact: "limits", path: "MAX_CODES_PER_HOUR", operator: "equal", expected: 5, actual: 5 },
    ];
    const out = withSources(rows, provenance);
    expect(out[0]!.source).toEqual({ source: "ldap", readAt: "2026-11-24T09:00:00Z" });
    expect(out[1]).not.toHaveProperty("source");
    expect(rows[0]).not.toHaveProperty("source");
  });
});
