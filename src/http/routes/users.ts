/**
 * GET /api/v1/users: staff find users by sign-in name or display name. An empty `q`
 * lists everyone, ordered by upn and paged with a keyset cursor.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, gt, or, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import type { Deps } from "../../deps";
import { requireStaff } from "../auth";
import { BEARER, newRouter, staffErrors } from "../openapi";

const Query = z
  .object({
    q: z.string().max(200).default("").openapi({ description: "Part of the upn or display name; empty lists everyone" }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(320).optional().openapi({ description: "`nextCursor` of the previous page" }),
  })
  .strict();

const UserRow = z.object({ id: z.string(), upn: z.string(), displayName: z.string() }).openapi("UserSummary");

const route = createRoute({
  method: "get",
  path: "/users",
  tags: ["users"],
  summary: "Find users",
  security: BEARER,
  request: { query: Query },
  responses: {
    200: {
      description: "Matching users, by upn",
      content: { "application/json": { schema: z.object({ users: z.array(UserRow), nextCursor: z.string().optional() }) } },
    },
    ...staffErrors,
  },
});

/** LIKE with the user's text taken literally: % and _ are escaped. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (m) => "\\" + m)}%`;

export function usersRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/users", requireStaff(deps, "support"));
  app.openapi(route, (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const pattern = likePattern(q.trim());
    const match = q.trim()
      ? or(
          sql`lower(${users.upn}) LIKE ${pattern} ESCAPE '\\'`,
          sql`lower(${users.displayName}) LIKE ${pattern} ESCAPE '\\'`,
        )
      : undefined;
    const rows = deps.db
      .select({ id: users.id, upn: users.upn, displayName: users.displayName })
      .from(users)
      .where(and(match, cursor ? gt(users.upn, cursor) : undefined))
      .orderBy(asc(users.upn))
      .limit(limit + 1)
      .all();
    const page = rows.slice(0, limit);
    return c.json({ users: page, ...(rows.length > limit ? { nextCursor: page.at(-1)!.upn } : {}) }, 200);
  });
  return app;
}
