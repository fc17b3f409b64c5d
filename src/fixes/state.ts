/**
 * The stored rows fixes read that the snapshot does not carry as such: a user's row and
 * direct groups, the tenant's groups, the connector row, when a throttle block ends,
 * and the last reminder in the audit log. The queries live in their db/ stores;
 * this module is the fix families' one list of them. Reads go through the shared
 * connection, so inside a transaction they see its own writes.
 */
export { userRow, type UserRow } from "../db/users";
export { connectorRow, type ConnectorRow } from "../db/connectors";
export { directGroupIds, tenantGroups, type GroupRow } from "../db/groups";
export { throttleBlockUntil } from "../db/throttle";
export { lastAudit } from "../db/audit";
