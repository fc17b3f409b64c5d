CREATE TABLE `audit_daily` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`code` text DEFAULT '' NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`, `action`, `outcome`, `code`)
);
--> statement-breakpoint
CREATE TABLE `connector_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`at` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `connector_status_history_tenant` ON `connector_status_history` (`tenant_id`,`id`);