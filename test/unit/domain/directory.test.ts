/**
 * Directory: administrator roles and (nested) group membership.
 */
import { describe, expect, it } from "vitest";
import { ADMIN_ROLES } from "../../../src/domain/catalogue";
import { adminRolesHeld, groupIds, isAdmin, membershipsIn } from "../../../src/domain/directory";

describe("isAdmin", () => {
  it.each(ADMIN_ROLES.map((r) => [r]))("treats %s as an administrator", (role) => expect(isAdmin([role])).toBe(true));
  it("treats other roles and no role as a regular user", () => {
    expect(isAdmin([])).toBe(false);
    expect(isAdmin(["reader", "guest_inviter"])).toBe(false);
  });
  it("lists the admin roles held", () => expect(adminRolesHeld(["reader", "user_admin"])).toEqual(["user_admin"]));
});

describe("membershipsIn", () => {
  it("counts a user reached through a nested group as in scope", () => {
    expect(
      membershipsIn(
        {
          groups: [
            { id: "g-parent", direct: true },
            { id: "g1", direct: false },
          ],
        },
        ["g1"],
      ),
    ).toEqual([{ id: "g1", direct: false }]);
  });
  it("prefers the direct membership when a group is listed both ways", () => {
    expect(
      membershipsIn(
        {
          groups: [
            { id: "g1", direct: false },
            { id: "g1", direct: true },
          ],
        },
        ["g1"],
      ),
    ).toEqual([{ id: "g1", direct: true }]);
  });
  it("finds nothing when no group is selected or the user is in none", () => {
    expect(membershipsIn({ groups: [{ id: "g1", direct: true }] }, [])).toEqual([]);
    expect(membershipsIn({ groups: [{ id: "g2", direct: true }] }, ["g1"])).toEqual([]);
  });
  it("lists every group id once", () =>
    expect(
      groupIds({
        groups: [
          { id: "a", direct: true },
          { id: "a", direct: false },
          { id: "b", direct: false },
        ],
      }),
    ).toEqual(["a", "b"]));
});
