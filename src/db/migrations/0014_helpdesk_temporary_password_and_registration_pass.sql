CREATE TABLE `registration_passes` (
	`id` text PRIMARY KEY NOT NULL,
	`pass_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_passes_pass_hash_unique` ON `registration_passes` (`pass_hash`);--> statement-breakpoint
CREATE INDEX `registration_passes_user` ON `registration_passes` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT false NOT NULL;