/**
 * The import's one error: something in an export (or a settings file, or a live Graph
 * answer) that we refuse, named by file, record and field so an admin can open the file
 * and fix that line. An import that throws it has written nothing (one transaction).
 */

export type ImportErrorLocation = {
  /** The file as a path relative to the export folder (or the settings file as given). */
  file: string;
  /** Which record: `value[12] (id 1f3c…)`, or absent for a file-level problem. */
  record?: string;
  /** The field inside the record: `assignedPlans[0].capabilityStatus`. */
  field?: string;
};

export class ImportError extends Error {
  readonly file: string;
  readonly record?: string;
  readonly field?: string;
  readonly problem: string;

  constructor(where: ImportErrorLocation, problem: string) {
    const parts = [where.file, where.record, where.field].filter((p): p is string => Boolean(p));
    super(`${parts.join(": ")}: ${problem}`);
    this.name = "ImportError";
    this.file = where.file;
    this.record = where.record;
    this.field = where.field;
    this.problem = problem;
  }

  /** The same error with advice appended (what the file should look like). */
  withHint(hint: string): ImportError {
    return new ImportError({ file: this.file, record: this.record, field: this.field }, `${this.problem} — ${hint}`);
  }
}
