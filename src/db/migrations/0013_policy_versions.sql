CREATE TABLE `policy_versions` (
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`policy` text NOT NULL,
	`actor_id` text,
	`actor_name` text NOT NULL,
	`at` text NOT NULL,
	`reason` text NOT NULL,
	`revert_of` integer,
	PRIMARY KEY(`tenant_id`, `version`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
