/**
 * GET /api/v1/users: staff find users by sign-in name or display name. An empty `q`
 * lists everyone, ordered by upn and paged with a keyset cursor.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { searchUsers } from "../../db/users";
import type { Deps } from "../../deps";
import { requireStaff } from "../auth";
import { answers, BEARER, newRouter, STAFF_CODES, staffErrors } from "../openapi";

const Query = z
  .object({
    q: z
      .string()
      .max(200)
      .default("")
      .openapi({ description: "Part of the upn or display name; empty lists everyone" }),
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
      content: {
        "application/json": { schema: z.object({ users: z.array(UserRow), nextCursor: z.string().optional() }) },
      },
    },
    ...staffErrors,
  },
  ...answers(...STAFF_CODES),
});

export function usersRoutes(deps: Deps) {
  const app = newRouter();
  app.use("/users", requireStaff(deps, "support"));
  app.openapi(route, (c) => c.json(searchUsers(deps.db, c.req.valid("query")), 200));
  return app;
}
