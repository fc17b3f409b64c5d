/**
 * Set-up over the API (issue 16 item 1): an admin edits a tenant, its groups, users and
 * memberships and imports a CSV with the same checks and audit rows as /admin's set-up
 * page. Each refusal names the field and leaves the database as it was; every route is
 * for admins only.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { queryAudit } from "../../src/db/audit";
import { directGroupIds } from "../../src/db/groups";
import { groupByName, nestingEdges, policyRow, userByUpn } from "../../src/db/setup";
import { findTenant } from "../../src/db/tenants";
import { MAX_COLUMNS, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS } from "../../src/import/csv/csv-import";
import { staffRouteCases } from "../support/staff-route-cases";
import { testApp, type TestContext } from "../support/test-deps";

type Problem = { status: number; code: string; field?: string; detail: string };

describe("set-up API", () => {
  let t: TestContext;
  let tenantId: string;
  const call = async (method: string, path: string, body?: unknown, role: "admin" | "helpdesk" = "admin") => {
    const res = await t.app.request(`/api/v1/tenants/acme.example${path}`, {
      method,
      headers: { ...t.auth(role), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as Record<string, never>) };
  };
  const setupRows = () => queryAudit(t.db, { action: "setup.*", limit: 100 }).entries;

  beforeEach(async () => {
    t = await testApp();
    const res = await t.app.request("/api/v1/tenants", {
      method: "POST",
      headers: { ...t.auth("admin"), "content-type": "application/json" },
      body: JSON.stringify({ name: "Acme", domain: "acme.example" }),
    });
    tenantId = ((await res.json()) as { id: string }).id;
  });

  it("renames the tenant and replaces its banned words, audited; a bad word is named and nothing changes", async () => {
    const bad = await call("PATCH", "", { name: "Acme Ltd", bannedWords: ["acme", ""] });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as Problem).field).toBe("bannedWords[1]");
    expect(findTenant(t.db, "acme.example")?.name).toBe("Acme");

    const ok = await call("PATCH", "", { name: "Acme Ltd", bannedWords: ["acme", "widget"] });
    expect(ok).toMatchObject({ status: 200, body: { name: "Acme Ltd", bannedWords: ["acme", "widget"] } });
    expect(findTenant(t.db, "acme.example")?.name).toBe("Acme Ltd");
    expect(policyRow(t.db, tenantId)?.bannedWords).toEqual(["acme", "widget"]);
    expect(setupRows().filter((e) => e.action === "setup.tenant_update")).toHaveLength(1);
  });

  it("creates, renames, nests and deletes groups; refuses a duplicate, a cycle and a group the policy is scoped to", async () => {
    const all = await call("POST", "/groups", { name: "All staff" });
    expect(all.status).toBe(201);
    const allId = (all.body as unknown as { id: string }).id;
    const sspr = await call("POST", "/groups", { name: "SSPR users", parentId: allId });
    const ssprId = (sspr.body as unknown as { id: string }).id;
    expect(nestingEdges(t.db, tenantId)).toEqual([{ parentId: allId, childId: ssprId }]);

    expect((await call("POST", "/groups", { name: "all STAFF" })).body).toMatchObject({
      code: "already_exists",
      field: "name",
    });
    const cycle = await call("PUT", `/groups/${ssprId}/children/${allId}`);
    expect(cycle).toMatchObject({ status: 400, body: { field: "parentId" } });
    expect(nestingEdges(t.db, tenantId)).toHaveLength(1);

    expect(await call("PATCH", `/groups/${allId}`, { name: "Everyone" })).toMatchObject({
      status: 200,
      body: { id: allId, name: "Everyone" },
    });
    expect(await call("DELETE", `/groups/${allId}/children/${ssprId}`)).toMatchObject({ body: { changed: true } });
    expect(nestingEdges(t.db, tenantId)).toEqual([]);

    // Scoping the policy is a policy version; the group then cannot disappear underneath it.
    const applied = await t.app.request(`/api/v1/tenants/acme.example/policy`, {
      method: "PUT",
      headers: { ...t.auth("admin"), "content-type": "application/json" },
      body: JSON.stringify({ policy: { enablement: "selected", selectedGroups: [ssprId] }, reason: "Pilot" }),
    });
    expect(applied.status).toBe(200);
    expect(await call("DELETE", `/groups/${ssprId}`)).toMatchObject({ status: 409, body: { code: "conflict" } });
    expect(groupByName(t.db, tenantId, "SSPR users")).toBeDefined();
    expect((await call("DELETE", `/groups/${allId}`)).status).toBe(204);
    expect(groupByName(t.db, tenantId, "Everyone")).toBeUndefined();
    expect(await call("DELETE", `/groups/${allId}`)).toMatchObject({ status: 404, body: { field: "groupId" } });

    expect(setupRows().map((e) => e.action)).toEqual(
      expect.arrayContaining(["setup.group_save", "setup.group_nest", "setup.group_unnest", "setup.group_delete"]),
    );
  });

  it("lists the tenant's groups with their ids and the groups inside them, so a script can find the id a group route takes", async () => {
    const all = (await call("POST", "/groups", { name: "All staff" })).body as unknown as { id: string };
    const sspr = (await call("POST", "/groups", { name: "SSPR users", parentId: all.id })).body as unknown as {
      id: string;
    };
    const listed = await call("GET", "/groups");
    expect(listed).toEqual({
      status: 200,
      body: {
        groups: [
          { id: all.id, name: "All staff", childIds: [sspr.id] },
          { id: sspr.id, name: "SSPR users", childIds: [] },
        ],
      },
    });
    expect((await call("GET", "/groups", undefined, "helpdesk")).body).toMatchObject({ code: "forbidden" });
  });

  it("creates and edits users and their memberships; a bad sign-in name is named and writes nothing", async () => {
    const bad = await call("POST", "/users", { upn: "not-an-address", displayName: "Ada" });
    expect(bad).toMatchObject({ status: 400, body: { field: "upn" } });
    expect(userByUpn(t.db, "not-an-address")).toBeUndefined();
    expect(setupRows().filter((e) => e.action === "setup.user_save")).toEqual([]);

    expect(
      await call("POST", "/users", { upn: "ada@acme.example", displayName: "Ada", roles: ["helpdesk_admin"] }),
    ).toMatchObject({ status: 201, body: { created: true } });
    expect(
      await call("POST", "/users", { upn: "Ada@acme.example", displayName: "Ada L.", enabled: false }),
    ).toMatchObject({ status: 200, body: { created: false } });
    const ada = userByUpn(t.db, "ada@acme.example")!;
    expect(ada).toMatchObject({ displayName: "Ada L.", enabled: false });

    const group = (await call("POST", "/groups", { name: "SSPR users" })).body as unknown as { id: string };
    expect(await call("PUT", `/groups/${group.id}/members/ada@acme.example`)).toMatchObject({
      status: 200,
      body: { changed: true },
    });
    expect(directGroupIds(t.db, ada.id)).toEqual([group.id]);
    expect(await call("PUT", `/groups/${group.id}/members/nobody@acme.example`)).toMatchObject({
      status: 404,
      body: { code: "user_not_found", field: "upn" },
    });
    expect(await call("DELETE", `/groups/${group.id}/members/ada@acme.example`)).toMatchObject({
      body: { changed: true },
    });
    expect(directGroupIds(t.db, ada.id)).toEqual([]);
    expect(setupRows().map((e) => e.action)).toEqual(
      expect.arrayContaining(["setup.user_save", "setup.membership_add", "setup.membership_remove"]),
    );
  });

  it("saving a user again changes only the fields given: roles, licence, source and groups stay; a new user gets the defaults", async () => {
    expect(await call("POST", "/users", { upn: "grace@acme.example", roles: ["helpdesk_admin"] })).toMatchObject({
      status: 400,
      body: { field: "displayName" },
    });
    expect(userByUpn(t.db, "grace@acme.example")).toBeUndefined();

    await call("POST", "/users", { upn: "bob@acme.example", displayName: "Bob" });
    expect(userByUpn(t.db, "bob@acme.example")).toMatchObject({
      type: "member",
      source: "cloud",
      enabled: true,
      roles: [],
      license: "p1",
    });

    const made = { upn: "grace@acme.example", displayName: "Grace", roles: ["helpdesk_admin"], license: "p2" };
    expect(await call("POST", "/users", { ...made, source: "synced", type: "guest" })).toMatchObject({ status: 201 });
    const group = (await call("POST", "/groups", { name: "SSPR users" })).body as unknown as { id: string };
    await call("PUT", `/groups/${group.id}/members/grace@acme.example`);
    expect(await call("POST", "/users", { upn: "grace@acme.example", displayName: "Grace Hopper" })).toMatchObject({
      status: 200,
      body: { created: false },
    });
    const grace = userByUpn(t.db, "grace@acme.example")!;
    expect(grace).toMatchObject({
      displayName: "Grace Hopper",
      roles: ["helpdesk_admin"],
      license: "p2",
      source: "synced",
      type: "guest",
      enabled: true,
    });
    expect(directGroupIds(t.db, grace.id)).toEqual([group.id]);
    expect(setupRows().find((e) => e.action === "setup.user_save")).toMatchObject({
      targetUserId: grace.id,
      detail: { created: false, displayName: "Grace Hopper", from: { displayName: "Grace" } },
    });

    // An explicit empty list is a given value: it clears the roles.
    await call("POST", "/users", { upn: "grace@acme.example", roles: [] });
    expect(userByUpn(t.db, "grace@acme.example")).toMatchObject({
      displayName: "Grace Hopper",
      roles: [],
      license: "p2",
    });
  });

  it("imports a CSV body: a dry run writes nothing, refused rows are named by row and column, a good file is written", async () => {
    const csv = (text: string, dryRun = false) =>
      t.app.request(`/api/v1/tenants/acme.example/import?dryRun=${dryRun}`, {
        method: "POST",
        headers: { ...t.auth("admin"), "content-type": "text/csv" },
        body: text,
      });
    const people = "userPrincipalName,displayName,groups,licence\nada@acme.example,Ada,SSPR users,p2\n";
    let res = await csv(people, true);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, written: false, usersCreated: ["ada@acme.example"] });
    expect(userByUpn(t.db, "ada@acme.example")).toBeUndefined();

    res = await csv(people + "bad,Bad,,gold\n");
    expect(res.status).toBe(422);
    const report = (await res.json()) as { rejected: { row: number; column: string }[] };
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "userPrincipalName" }),
        expect.objectContaining({ row: 3, column: "licence" }),
      ]),
    );
    expect(userByUpn(t.db, "ada@acme.example")).toBeUndefined();

    res = await csv(people);
    expect(await res.json()).toMatchObject({ written: true, usersCreated: ["ada@acme.example"] });
    expect(userByUpn(t.db, "ada@acme.example")).toMatchObject({ license: "p2" });

    const json = await t.app.request("/api/v1/tenants/acme.example/import", {
      method: "POST",
      headers: { ...t.auth("admin"), "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    const bad = await t.app.request("/api/v1/tenants/acme.example/import?dryRun=maybe", {
      method: "POST",
      headers: { ...t.auth("admin"), "content-type": "text/csv" },
      body: people,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).field).toBe("dryRun");
  });

  it("takes a CSV over the 64 KiB other bodies are held to, only from an admin token", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `person${i}@acme.example,Person number ${i},SSPR users,p2`);
    const big = "userPrincipalName,displayName,groups,licence\n" + rows.join("\n") + "\n";
    expect(big.length).toBeGreaterThan(64 * 1024);
    const post = (headers: Record<string, string>) =>
      t.app.request("/api/v1/tenants/acme.example/import?dryRun=true", {
        method: "POST",
        headers: { ...headers, "content-type": "text/csv", "content-length": String(big.length) },
        body: big,
      });
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    const ok = await post(t.auth("admin"));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { usersCreated: string[] }).usersCreated).toHaveLength(1500);
  });

  it("refuses within the upload limit what no people file is: a million columns, more people than an upload holds, a 5 MiB line", async () => {
    const send = async (body: string) => {
      const res = await t.app.request("/api/v1/tenants/acme.example/import?dryRun=true", {
        method: "POST",
        headers: { ...t.auth("admin"), "content-type": "text/csv", "content-length": String(Buffer.byteLength(body)) },
        body,
      });
      return { status: res.status, report: (await res.json()) as { rows: number; rejected: unknown[] } };
    };
    const wide = await send("userPrincipalName,displayName" + ",x".repeat(1_000_000) + "\nada@acme.example,Ada\n");
    expect(wide.status).toBe(422);
    expect(wide.report.rejected).toEqual([
      { row: 1, column: "(file)", reason: `1000002 columns; a people file has at most ${MAX_COLUMNS}` },
    ]);

    const people = Array.from({ length: MAX_UPLOAD_ROWS + 1 }, (_, i) => `p${i}@acme.example,P`).join("\n");
    const many = await send("userPrincipalName,displayName\n" + people + "\n");
    expect(many.status).toBe(422);
    expect(many.report.rejected).toEqual([
      {
        row: MAX_UPLOAD_ROWS + 2,
        column: "(file)",
        reason: `more than ${MAX_UPLOAD_ROWS} people; import a file this large with npm run import:csv`,
      },
    ]);

    const long = await send("userPrincipalName,displayName\n" + "a".repeat(MAX_UPLOAD_BYTES - 64) + ",Ada\n");
    expect(long.status).toBe(422);
    expect(long.report.rejected).toMatchObject([{ row: 2, column: "userPrincipalName" }]);
    expect(queryAudit(t.db, { action: "setup.csv_import", limit: 5 }).entries).toEqual([]);
  });

  it("is for admins only: a helpdesk token is refused everywhere and changes nothing", async () => {
    const group = (await call("POST", "/groups", { name: "SSPR users" })).body as unknown as { id: string };
    await call("POST", "/users", { upn: "ada@acme.example", displayName: "Ada" });
    const before = setupRows().length;
    const attempts: [string, string, unknown?][] = [
      ["PATCH", "", { name: "Evil" }],
      ["POST", "/groups", { name: "Evil" }],
      ["PATCH", `/groups/${group.id}`, { name: "Evil" }],
      ["DELETE", `/groups/${group.id}`],
      ["PUT", `/groups/${group.id}/children/${group.id}`],
      ["PUT", `/groups/${group.id}/members/ada@acme.example`],
      ["DELETE", `/groups/${group.id}/members/ada@acme.example`],
      ["POST", "/users", { upn: "evil@acme.example", displayName: "Evil" }],
    ];
    for (const [method, path, body] of attempts)
      expect((await call(method, path, body, "helpdesk")).body, `${method} ${path}`).toMatchObject({
        code: "forbidden",
      });
    const csv = await t.app.request("/api/v1/tenants/acme.example/import", {
      method: "POST",
      headers: { ...t.auth("helpdesk"), "content-type": "text/csv" },
      body: "userPrincipalName,displayName\nevil@acme.example,Evil\n",
    });
    expect(csv.status).toBe(403);
    expect(setupRows()).toHaveLength(before);
    expect(findTenant(t.db, "acme.example")?.name).toBe("Acme");
    expect(userByUpn(t.db, "evil@acme.example")).toBeUndefined();
  });
});

staffRouteCases([
  { method: "POST", path: "/api/v1/tenants/acme.example/groups", minRole: "admin", body: { name: "G" } },
  {
    method: "POST",
    path: "/api/v1/tenants/acme.example/users",
    minRole: "admin",
    body: { upn: "a@acme.example", displayName: "A" },
  },
]);
