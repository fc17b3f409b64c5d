/**
 * Write a synthetic Entra export (deterministic for a seed) to try the importer or measure it:
 *   npm run generate:entra -- ./export --users 2000 [--seed 15]
 */
import "./closed-pipe";
import { Command } from "commander";
import { generateExport } from "../import/entra/generate-fixture";

await new Command("generate:entra")
  .description("write a synthetic, realistic Entra ID export (a Graph export folder) for import:entra to read")
  .argument("<folder>", "where to write the export")
  .option("--users <n>", "how many users", "2000")
  .option("--seed <n>", "the random seed", "15")
  .action((folder: string, opts: { users: string; seed: string }) => {
    const r = generateExport(folder, { users: Number(opts.users), seed: Number(opts.seed) });
    console.log(
      `Wrote ${r.users} users, ${r.groups} groups in ${r.files} files to ${folder} (captured ${r.capturedAt})`,
    );
  })
  .parseAsync();
