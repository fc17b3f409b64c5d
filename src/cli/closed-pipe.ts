/**
 * A reader that stops early (`npm run sweep -- contoso.example --csv | head`) closes the
 * pipe, and Node reports the next write as an unhandled EPIPE with a stack trace and exit
 * code 1. The reader already has what it wanted, so the CLI ends quietly instead. Every
 * CLI imports this module for its effect, first; an import repeated in one process (the
 * in-process CLI tests) adds no second listener.
 */
const mark = Symbol.for("sspr.closedPipe");
const stdout = process.stdout as NodeJS.WriteStream & { [mark]?: true };

if (!stdout[mark]) {
  stdout[mark] = true;
  stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(0);
  });
}
