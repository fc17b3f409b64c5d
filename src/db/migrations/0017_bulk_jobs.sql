CREATE TABLE `bulk_job_users` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`user_id` text NOT NULL,
	`upn` text NOT NULL,
	`outcome` text NOT NULL,
	`code` text,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `bulk_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`operator_id` text NOT NULL,
	`operator_name` text NOT NULL,
	`fix` text NOT NULL,
	`filter` text NOT NULL,
	`reason` text NOT NULL,
	`total` integer NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`not_applicable` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`heartbeat_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `bulk_jobs_operator` ON `bulk_jobs` (`operator_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `bulk_jobs_status` ON `bulk_jobs` (`status`);