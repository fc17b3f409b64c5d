CREATE TABLE `directory_configs` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`urls` text NOT NULL,
	`start_tls` integer DEFAULT false NOT NULL,
	`bind_dn` text NOT NULL,
	`bind_secret_enc` text NOT NULL,
	`base_dn` text NOT NULL,
	`group_base_dn` text,
	`user_filter` text NOT NULL,
	`login_attribute` text NOT NULL,
	`tls_ca` text,
	`tls_servername` text,
	`default_policy_dn` text,
	`canary_dn` text,
	`timeout_ms` integer DEFAULT 3000 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `groups` ADD `directory_dn` text;--> statement-breakpoint
ALTER TABLE `users` ADD `directory_dn` text;