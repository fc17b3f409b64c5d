-- Custom: the tenant state version (src/db/tenant-state.ts, docs/decisions/017). Every change to a
-- table a user's standing verdict is read from bumps its tenant's counter, in the same
-- statement, whoever makes it (this process, another one, a CLI), so the user list can keep
-- a tenant's verdicts until the counter moves and never show one older than a change.
-- A table the snapshot loader starts reading needs its triggers here too (see the test
-- "bumps the version on a change to every table the loader reads").
CREATE TRIGGER `users_state_insert` AFTER INSERT ON `users`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_state_update` AFTER UPDATE ON `users`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_state_delete` AFTER DELETE ON `users`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `groups_state_insert` AFTER INSERT ON `groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `groups_state_update` AFTER UPDATE ON `groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `groups_state_delete` AFTER DELETE ON `groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_state_insert` AFTER INSERT ON `policies`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_state_update` AFTER UPDATE ON `policies`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_state_delete` AFTER DELETE ON `policies`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policy_scope_groups_state_insert` AFTER INSERT ON `policy_scope_groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policy_scope_groups_state_update` AFTER UPDATE ON `policy_scope_groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policy_scope_groups_state_delete` AFTER DELETE ON `policy_scope_groups`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `writeback_connectors_state_insert` AFTER INSERT ON `writeback_connectors`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `writeback_connectors_state_update` AFTER UPDATE ON `writeback_connectors`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `writeback_connectors_state_delete` AFTER DELETE ON `writeback_connectors`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directory_configs_state_insert` AFTER INSERT ON `directory_configs`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directory_configs_state_update` AFTER UPDATE ON `directory_configs`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT NEW.tenant_id, 1 WHERE NEW.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `directory_configs_state_delete` AFTER DELETE ON `directory_configs`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT OLD.tenant_id, 1 WHERE OLD.tenant_id IS NOT NULL
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_memberships_state_insert` AFTER INSERT ON `group_memberships`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_memberships_state_update` AFTER UPDATE ON `group_memberships`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_memberships_state_delete` AFTER DELETE ON `group_memberships`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `methods_state_insert` AFTER INSERT ON `methods`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `methods_state_update` AFTER UPDATE ON `methods`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `methods_state_delete` AFTER DELETE ON `methods`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `security_answers_state_insert` AFTER INSERT ON `security_answers`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `security_answers_state_update` AFTER UPDATE ON `security_answers`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `security_answers_state_delete` AFTER DELETE ON `security_answers`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_events_state_insert` AFTER INSERT ON `throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_events_state_update` AFTER UPDATE ON `throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_events_state_delete` AFTER DELETE ON `throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_blocks_state_insert` AFTER INSERT ON `throttle_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_blocks_state_update` AFTER UPDATE ON `throttle_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `throttle_blocks_state_delete` AFTER DELETE ON `throttle_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reset_flows_state_insert` AFTER INSERT ON `reset_flows`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reset_flows_state_update` AFTER UPDATE ON `reset_flows`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `reset_flows_state_delete` AFTER DELETE ON `reset_flows`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_attempts_state_insert` AFTER INSERT ON `imported_attempts`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_attempts_state_update` AFTER UPDATE ON `imported_attempts`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_attempts_state_delete` AFTER DELETE ON `imported_attempts`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_blocks_state_insert` AFTER INSERT ON `imported_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_blocks_state_update` AFTER UPDATE ON `imported_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_blocks_state_delete` AFTER DELETE ON `imported_blocks`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_throttle_events_state_insert` AFTER INSERT ON `imported_throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_throttle_events_state_update` AFTER UPDATE ON `imported_throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `imported_throttle_events_state_delete` AFTER DELETE ON `imported_throttle_events`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `password_history_state_insert` AFTER INSERT ON `password_history`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `password_history_state_update` AFTER UPDATE ON `password_history`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `password_history_state_delete` AFTER DELETE ON `password_history`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_passes_state_insert` AFTER INSERT ON `registration_passes`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_passes_state_update` AFTER UPDATE ON `registration_passes`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = NEW.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_passes_state_delete` AFTER DELETE ON `registration_passes`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `users` WHERE id = OLD.user_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_nesting_state_insert` AFTER INSERT ON `group_nesting`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `groups` WHERE id = NEW.child_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_nesting_state_update` AFTER UPDATE ON `group_nesting`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `groups` WHERE id = NEW.child_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `group_nesting_state_delete` AFTER DELETE ON `group_nesting`
BEGIN
  INSERT INTO `tenant_state_versions` (tenant_id, version) SELECT tenant_id, 1 FROM `groups` WHERE id = OLD.child_id
  ON CONFLICT (tenant_id) DO UPDATE SET version = version + 1;
END;
