CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`opened_at` text NOT NULL,
	`resolved_at` text,
	`detail` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incidents_tenant_open` ON `incidents` (`tenant_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `incidents_opened` ON `incidents` (`opened_at`);--> statement-breakpoint
CREATE TABLE `tenant_sweeps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`at` text NOT NULL,
	`users` integer NOT NULL,
	`blocked` integer NOT NULL,
	`at_risk` integer NOT NULL,
	`counts` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tenant_sweeps_tenant_at` ON `tenant_sweeps` (`tenant_id`,`at`);