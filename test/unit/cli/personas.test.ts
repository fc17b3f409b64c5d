/**
 * `npm run personas` (and the README, which prints it): for each persona what to type,
 * read from the seed data, and the verdict a diagnosis of the seeded persona gives.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { personasReport } from "../../../src/cli/personas-report";
import { DEMO_ANSWERS, DEMO_PERSONAS, DEMO_TOTP_SECRET } from "../../../src/db/seed/demo-tenant";

describe("personasReport", () => {
  it("says what to type for every persona and what the diagnosis says, and the README shows the same", async () => {
    const report = await personasReport();
    const simon = DEMO_PERSONAS.find((p) => p.login === "simon.single@contoso.example")!;
    expect(report).toContain(`| \`simon.single@contoso.example\` | phone \`${simon.methods![0]!.value}\` |`);
    expect(report).toMatch(
      /\| `ada\.admin@contoso\.example` \| email `ada@home\.example`; authenticator key \|[^\n]*\| at risk, `single_point_of_failure` \|/,
    );
    expect(report).toMatch(/\| `tom\.tailspin@tailspin\.example` \|[^\n]*\| blocked, \*\*`sspr_disabled`\*\*/);
    for (const answer of DEMO_ANSWERS) expect(report).toContain(`\`${answer}\``);
    expect(report).toContain(DEMO_TOTP_SECRET);
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const personaRows = report.split("\n").filter((l) => l.startsWith("| `") && l.includes("@"));
    expect(personaRows.length).toBe(DEMO_PERSONAS.length + 1);
    for (const row of personaRows) expect(readme).toContain(row);
  });
});
