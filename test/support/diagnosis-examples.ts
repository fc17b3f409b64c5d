/**
 * The diagnosis examples (test/fixtures/diagnosis/examples.json, vendored from the design
 * folder): snapshots with the primary finding, verdict and codes the catalogue says they
 * must produce. The one place tests read them, parsed with zod so a malformed row fails
 * loudly here instead of making an assertion vacuous.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const ExampleSchema = z
  .object({
    name: z.string().min(1),
    snapshot: z.unknown(),
    expect: z
      .object({
        primary: z.string().nullable(),
        verdict: z.string().optional(),
        includes: z.array(z.string()).optional(),
        excludes: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();

export type DiagnosisExample = z.infer<typeof ExampleSchema>;

const FILE = new URL("../fixtures/diagnosis/examples.json", import.meta.url);

/** Every example, in file order; throws naming the row when one does not match the format. */
export function diagnosisExamples(): DiagnosisExample[] {
  const parsed = z
    .array(ExampleSchema)
    .min(1)
    .parse(JSON.parse(readFileSync(FILE, "utf8")));
  return parsed;
}
