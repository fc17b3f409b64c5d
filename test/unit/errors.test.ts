/**
 * The problem-code registry is closed: every code thrown in src/ with a literal is a
 * finding code or a registered problem, and a registered problem is thrown with the
 * status the registry (and so the OpenAPI) gives it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isFindingCode } from "../../src/domain/catalogue";
import { AppError, isProblemCode, PROBLEMS, problemTitle } from "../../src/errors";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

/** `new AppError(404, "user_not_found"` and the flows' `fail(409, "method_exists"` helpers. */
const THROWN = /(?:new AppError|\bfail)\((\d{3}), *"([a-z_]+)"/g;
const thrown = files(SRC).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(THROWN)].map((m) => ({ file, status: Number(m[1]), code: m[2]! })),
);

describe("PROBLEMS", () => {
  it("finds literal codes to check", () => {
    expect(thrown.length).toBeGreaterThan(50);
  });

  it("knows every code thrown with a literal", () => {
    expect(
      thrown.filter((t) => !isProblemCode(t.code) && !isFindingCode(t.code)).map((t) => `${t.file}: ${t.code}`),
    ).toEqual([]);
  });

  it("gives each registered problem the status it is thrown with", () => {
    const off = thrown
      .filter((t) => isProblemCode(t.code) && PROBLEMS[t.code].status !== t.status)
      .map((t) => `${t.file}: ${t.status} ${t.code}`);
    expect(off).toEqual([]);
  });

  it("never registers a finding code as a problem", () => {
    expect(Object.keys(PROBLEMS).filter(isFindingCode)).toEqual([]);
  });

  it("titles a registered problem from the registry and a finding by its code in words", () => {
    expect(problemTitle("not_found")).toBe("Not found");
    expect(problemTitle("verification_code_wrong")).toBe("verification code wrong");
    expect(new AppError(404, "user_not_found", "No user.").code).toBe("user_not_found");
  });
});
