/**
 * The OpenAPI document is complete: no schema in it is `{}` (a response or field whose
 * shape a reader, or a generated client, cannot know), every staff (bearer) route lists the
 * problem codes it may answer, and each registered code's status is among that route's
 * documented responses.
 */
import { describe, expect, it } from "vitest";
import { isFindingCode } from "../../src/domain/catalogue";
import { isProblemCode, PROBLEMS } from "../../src/errors";
import { testApp } from "../support/test-deps";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = { security?: unknown[]; responses: Record<string, unknown>; "x-problem-codes"?: string[] };

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every place in the document that holds a schema, with its JSON path. */
function schemas(
  node: Json,
  path: string,
  out: { path: string; schema: Json }[] = [],
  inSchema = false,
): { path: string; schema: Json }[] {
  if (Array.isArray(node)) {
    node.forEach((v, i) => schemas(v, `${path}/${i}`, out, inSchema));
    return out;
  }
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}/${key}`;
    if (key === "schema" || (inSchema && (key === "items" || key === "additionalProperties" || key === "not"))) {
      out.push({ path: at, schema: value });
      schemas(value, at, out, true);
    } else if (inSchema && (key === "properties" || key === "patternProperties") && isObject(value)) {
      for (const [name, s] of Object.entries(value)) {
        out.push({ path: `${at}/${name}`, schema: s });
        schemas(s, `${at}/${name}`, out, true);
      }
    } else if (inSchema && (key === "anyOf" || key === "oneOf" || key === "allOf") && Array.isArray(value)) {
      value.forEach((s, i) => {
        out.push({ path: `${at}/${i}`, schema: s });
        schemas(s, `${at}/${i}`, out, true);
      });
    } else if (key === "schemas" && path === "/components" && isObject(value)) {
      for (const [name, s] of Object.entries(value)) {
        out.push({ path: `${at}/${name}`, schema: s });
        schemas(s, `${at}/${name}`, out, true);
      }
    } else {
      schemas(value, at, out, inSchema);
    }
  }
  return out;
}

async function openapi() {
  const t = await testApp();
  return (await (await t.app.request("/api/v1/openapi.json")).json()) as Json & {
    paths: Record<string, Record<string, Operation>>;
  };
}

describe("GET /api/v1/openapi.json", () => {
  it("has no empty schema anywhere", async () => {
    const found = schemas(await openapi(), "");
    expect(found.length).toBeGreaterThan(100);
    const empty = found
      .filter(({ schema }) => isObject(schema) && Object.keys(schema).length === 0)
      .map(({ path }) => path);
    expect(empty).toEqual([]);
  });

  it("would notice an empty schema", () => {
    const doc = {
      paths: {
        "/x": {
          get: {
            responses: {
              200: { content: { "application/json": { schema: { type: "object", additionalProperties: {} } } } },
            },
          },
        },
      },
    };
    expect(
      schemas(doc, "")
        .filter(({ schema }) => isObject(schema) && Object.keys(schema).length === 0)
        .map((s) => s.path),
    ).toEqual(["/paths//x/get/responses/200/content/application/json/schema/additionalProperties"]);
  });

  it("lists the problem codes of every staff route, each a known code whose status the route documents", async () => {
    const { paths } = await openapi();
    // Staff routes carry the bearer scheme; the reset and /me routes list their codes in their descriptions.
    const bearer = (op: Operation) =>
      (op.security ?? []).some((s) => typeof s === "object" && s !== null && "bearer" in s);
    const staff = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => bearer(op))
        .map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    expect(staff.length).toBeGreaterThan(8);
    const missing = staff.filter(({ op }) => !op["x-problem-codes"]?.length).map(({ route }) => route);
    expect(missing).toEqual([]);
    const wrong = staff.flatMap(({ route, op }) =>
      (op["x-problem-codes"] ?? [])
        .filter(
          (code) => !(isFindingCode(code) || (isProblemCode(code) && String(PROBLEMS[code].status) in op.responses)),
        )
        .map((code) => `${route}: ${code}`),
    );
    expect(wrong).toEqual([]);
  });
});
