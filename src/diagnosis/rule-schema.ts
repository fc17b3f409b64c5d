/**
 * The shape of a rule file (`rules/<stage>/<code>.json`): a json-rules-engine rule whose
 * conditions are `all` / `any` / `not` blocks over leaf conditions
 * `{ fact, path?, operator, value }`, where `value` is a literal or a fact reference
 * `{ fact, path? }`, and whose event carries the finding's `title` and `explanation`
 * templates. Only the syntax is checked here; rules.ts checks the meaning (facts,
 * operators, codes, fixes, articles).
 */
import { z } from "zod";

export type FactRef = { fact: string; path?: string };
export type LeafCondition = { fact: string; path?: string; operator: string; value: unknown };
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;
export type TopCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

// Condition-level `priority`, `params` and named-condition references are left out on
// purpose: without them json-rules-engine evaluates every condition of a block in one
// pass, which is what makes its results (and our evidence) match the compiled path.
const Leaf: z.ZodType<LeafCondition> = z.strictObject({
  fact: z.string().min(1),
  path: z.string().min(1).optional(),
  operator: z.string().min(1),
  value: z.unknown().refine((v) => v !== undefined, { message: "value is required" }),
});

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    Leaf,
  ]),
);

const TopConditionSchema: z.ZodType<TopCondition> = z.union([
  z.strictObject({ all: z.array(ConditionSchema).min(1) }),
  z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  z.strictObject({ not: ConditionSchema }),
]);

export const RuleFileSchema = z.strictObject({
  name: z.string().min(1),
  // Every rule runs in one priority set; order comes from the catalogue afterwards.
  priority: z.literal(1).optional(),
  conditions: TopConditionSchema,
  event: z.strictObject({
    type: z.string().min(1),
    params: z.strictObject({
      title: z
        .string()
        .min(1)
        .refine((t) => !/[\r\n]/.test(t), { message: "title must be one line" }),
      explanation: z.string().min(1),
      /** Fix id → name of an `actor` fact, for fixes whose actor depends on the policy. */
      fixActors: z.record(z.string(), z.string()).optional(),
    }),
  }),
});
export type RuleFile = z.output<typeof RuleFileSchema>;

export function isFactRef(value: unknown): value is FactRef {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "fact");
}

export function isLeaf(condition: Condition): condition is LeafCondition {
  return Object.hasOwn(condition, "fact");
}
