CREATE TABLE `imported_attempts` (
	`user_id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`stage` text NOT NULL,
	`method` text,
	`error` text,
	`activity` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `imported_blocks` (
	`user_id` text PRIMARY KEY NOT NULL,
	`blocked_until` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `imported_throttle_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imported_throttle_events_user` ON `imported_throttle_events` (`user_id`,`kind`,`at`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`source` text NOT NULL,
	`origin` text NOT NULL,
	`captured_at` text NOT NULL,
	`imported_at` text NOT NULL,
	`counts` text NOT NULL,
	`unknown` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imports_tenant` ON `imports` (`tenant_id`,`id`);