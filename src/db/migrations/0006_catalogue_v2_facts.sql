ALTER TABLE `policies` ADD `admins_sspr_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `methods_migration_state` text DEFAULT 'migrationComplete' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `unknown` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `provenance` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `source` text DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `federated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `cloud_locked_until` text;--> statement-breakpoint
ALTER TABLE `users` ADD `onprem_disabled` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `onprem_found` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `delivery_failure` text;--> statement-breakpoint
ALTER TABLE `users` ADD `unknown` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `provenance` text;--> statement-breakpoint
ALTER TABLE `writeback_connectors` ADD `cap_remote_sam` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `writeback_connectors` ADD `cap_policy_hints` integer DEFAULT true NOT NULL;