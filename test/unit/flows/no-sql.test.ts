/**
 * STYLE's one hard rule for the flows: only db/ knows SQL. A flow that imports drizzle,
 * the schema, or prepares a statement on the raw connection fails here, naming the file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const FLOWS = new URL("../../../src/flows/", import.meta.url);
const FORBIDDEN: [string, RegExp][] = [
  ["a drizzle import", /from\s+"drizzle-orm/],
  ["the schema", /from\s+"\.\.\/db\/schema"/],
  ["the raw connection", /\$client/],
  ["a prepared statement", /\.prepare\(/],
];

describe("src/flows runs no SQL of its own", () => {
  const files = readdirSync(FLOWS).filter((f) => /\.tsx?$/.test(f));
  it("finds the flow modules", () => expect(files.length).toBeGreaterThan(10));
  it.each(files)("%s goes through db/ stores", (file) => {
    const text = readFileSync(new URL(file, FLOWS), "utf8");
    const found = FORBIDDEN.filter(([, re]) => re.test(text)).map(([what]) => what);
    expect(found, `${file} uses ${found.join(", ")}`).toEqual([]);
  });
});
