CREATE TABLE `throttle_subject_blocks` (
	`subject` text PRIMARY KEY NOT NULL,
	`blocked_until` text NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `reset_flows` ADD `attempt` text;--> statement-breakpoint
ALTER TABLE `reset_flows` ADD `attempt_at` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `elevated_until` text;--> statement-breakpoint
ALTER TABLE `throttle_events` ADD `subject` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `throttle_events_subject_kind_at` ON `throttle_events` (`subject`,`kind`,`at`);