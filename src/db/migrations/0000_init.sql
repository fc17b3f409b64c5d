CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`tenant_id` text,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_user_id` text,
	`outcome` text NOT NULL,
	`code` text,
	`ip` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_target_at` ON `audit_log` (`target_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `diagnoses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`user_id` text,
	`created_at` text NOT NULL,
	`verdict` text NOT NULL,
	`primary_code` text,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `diagnoses_user` ON `diagnoses` (`user_id`);--> statement-breakpoint
CREATE TABLE `group_memberships` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_memberships_user` ON `group_memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `group_nesting` (
	`parent_id` text NOT NULL,
	`child_id` text NOT NULL,
	PRIMARY KEY(`parent_id`, `child_id`),
	FOREIGN KEY (`parent_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`child_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `methods` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`value` text,
	`totp_secret` text,
	`verified` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `methods_user` ON `methods` (`user_id`);--> statement-breakpoint
CREATE INDEX `methods_value` ON `methods` (`value`);--> statement-breakpoint
CREATE TABLE `password_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_history_user` ON `password_history` (`user_id`);--> statement-breakpoint
CREATE TABLE `policies` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`enablement` text DEFAULT 'none' NOT NULL,
	`methods_allowed` text NOT NULL,
	`methods_required` integer DEFAULT 1 NOT NULL,
	`questions_to_register` integer DEFAULT 3 NOT NULL,
	`questions_to_reset` integer DEFAULT 3 NOT NULL,
	`require_registration_at_sign_in` integer DEFAULT true NOT NULL,
	`reconfirm_days` integer DEFAULT 180 NOT NULL,
	`notify_user_on_reset` integer DEFAULT true NOT NULL,
	`notify_admins_on_admin_reset` integer DEFAULT true NOT NULL,
	`helpdesk_url` text,
	`helpdesk_email` text,
	`writeback_enabled` integer DEFAULT false NOT NULL,
	`allow_unlock_without_reset` integer DEFAULT false NOT NULL,
	`banned_words` text DEFAULT '[]' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `policy_scope_groups` (
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `group_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reset_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`user_id` text,
	`state` text NOT NULL,
	`verified_methods` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`completed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `security_answers` (
	`user_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`user_id`, `question_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `staff_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tokens_token_hash_unique` ON `staff_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`domain` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_domain_unique` ON `tenants` (`domain`);--> statement-breakpoint
CREATE TABLE `throttle_blocks` (
	`user_id` text PRIMARY KEY NOT NULL,
	`blocked_until` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text,
	`flow_id` text,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `throttle_events_user_kind_at` ON `throttle_events` (`user_id`,`kind`,`at`);--> statement-breakpoint
CREATE INDEX `throttle_events_flow` ON `throttle_events` (`flow_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`upn` text NOT NULL,
	`display_name` text NOT NULL,
	`type` text DEFAULT 'member' NOT NULL,
	`source` text DEFAULT 'cloud' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`roles` text DEFAULT '[]' NOT NULL,
	`license` text DEFAULT 'p1' NOT NULL,
	`password_hash` text,
	`password_last_set_at` text,
	`onprem_locked_out` integer DEFAULT false NOT NULL,
	`onprem_cannot_change_password` integer DEFAULT false NOT NULL,
	`onprem_protected_account` integer DEFAULT false NOT NULL,
	`onprem_must_change_password` integer DEFAULT false NOT NULL,
	`registration_confirmed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_upn` ON `users` (`upn`);--> statement-breakpoint
CREATE INDEX `users_tenant` ON `users` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `verification_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`method` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`superseded_at` text
);
--> statement-breakpoint
CREATE INDEX `verification_codes_flow` ON `verification_codes` (`flow_id`,`method`);--> statement-breakpoint
CREATE TABLE `writeback_connectors` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`configured` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'healthy' NOT NULL,
	`last_heartbeat_at` text,
	`perm_reset_password` integer DEFAULT true NOT NULL,
	`perm_change_password` integer DEFAULT true NOT NULL,
	`perm_write_lockout_time` integer DEFAULT true NOT NULL,
	`perm_write_pwd_last_set` integer DEFAULT true NOT NULL,
	`onprem_min_length` integer DEFAULT 7 NOT NULL,
	`onprem_complexity` integer DEFAULT true NOT NULL,
	`onprem_history_count` integer DEFAULT 24 NOT NULL,
	`onprem_min_age_hours` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
