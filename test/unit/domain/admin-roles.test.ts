/**
 * ADMIN_ROLES v2: every role Microsoft documents as getting the administrator policy, as a
 * slug, with the v1 slugs kept; and the template-id map a Graph import uses.
 */
import { describe, expect, it } from "vitest";
import { adminRoleOfTemplateId, DOCUMENTED_ADMIN_ROLES, ROLE_TEMPLATE_IDS } from "../../../src/domain/admin-roles";
import { ADMIN_ROLES, ADMIN_ROLES_V1 } from "../../../src/domain/catalogue";
import { isAdmin } from "../../../src/domain/directory";

describe("ADMIN_ROLES", () => {
  it("keeps the 16 v1 slugs, first and in their order", () => {
    expect(ADMIN_ROLES_V1).toHaveLength(16);
    expect(ADMIN_ROLES.slice(0, 16)).toEqual([...ADMIN_ROLES_V1]);
  });

  it("holds every documented role, once", () => {
    for (const role of DOCUMENTED_ADMIN_ROLES) expect(ADMIN_ROLES, role.name).toContain(role.slug);
    expect(new Set(ADMIN_ROLES).size).toBe(ADMIN_ROLES.length);
    // 78 documented names (ENTRA-GRAPH.md §2.2) + cloud_application_admin from v1.
    expect(DOCUMENTED_ADMIN_ROLES).toHaveLength(79);
  });

  it.each([
    ["License Administrator", "license_admin"],
    ["Groups Administrator", "groups_admin"],
    ["Hybrid Identity Administrator", "hybrid_identity_admin"],
    ["SharePoint Administrator", "sharepoint_admin"],
    ["Partner Tier1 Support", "partner_tier1_support"],
    ["Directory Writers", "directory_writers"],
  ])("slugs %s as %s (lower case, spaces as _, Administrator as admin)", (name, slug) => {
    expect(DOCUMENTED_ADMIN_ROLES.find((r) => r.name === name)?.slug).toBe(slug);
  });

  it("puts a License or Groups Administrator under the administrator policy (v1 did not)", () => {
    expect(isAdmin(["license_admin"])).toBe(true);
    expect(isAdmin(["groups_admin"])).toBe(true);
    expect(isAdmin(["directory_readers", "guest_inviter"])).toBe(false);
  });
});

describe("ROLE_TEMPLATE_IDS", () => {
  it("maps each documented template id to a slug in ADMIN_ROLES", () => {
    for (const [id, slug] of ROLE_TEMPLATE_IDS) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(ADMIN_ROLES).toContain(slug);
    }
  });

  it.each([
    ["62e90394-69f5-4237-9190-012177145e10", "global_admin"],
    ["4d6ac14f-3453-41d0-bef9-a3e0c569773a", "license_admin"],
    ["fdd7a751-b60b-444a-984c-02652fe8fa1c", "groups_admin"],
    ["966707d0-3269-4727-9be2-8c3a10f19b9d", "password_admin"],
    // Carried the name "Application Proxy Service Administrator" in old listings.
    ["158c047a-c907-4556-b7ef-446551a6b5f7", "cloud_application_admin"],
    // Listed twice (Device Administrators); the current role's slug wins.
    ["9f06204d-73c1-4d4c-880a-6edb90606fd8", "microsoft_entra_joined_device_local_admin"],
  ])("maps %s to %s", (id, slug) => expect(ROLE_TEMPLATE_IDS.get(id)).toBe(slug));

  it("has no id for the roles the current built-in table lacks", () => {
    const missing = DOCUMENTED_ADMIN_ROLES.filter((r) => r.templateId === null).map((r) => r.slug);
    expect(missing).toEqual([
      "adhoc_license_admin",
      "email_verified_user_creator",
      "mailbox_admin",
      "modern_commerce_admin",
    ]);
  });

  it("answers a role outside the documented list with undefined, and reads ids case-insensitively", () => {
    expect(adminRoleOfTemplateId("88d8e3e3-8f55-4a1e-953a-9b9898b8876b")).toBeUndefined();
    expect(adminRoleOfTemplateId("4D6AC14F-3453-41D0-BEF9-A3E0C569773A")).toBe("license_admin");
  });
});
