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
CREATE INDEX `connector_status_history_tenant` ON `connector_status_history` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TRIGGER `audit_daily_count` AFTER INSERT ON `audit_log`
WHEN NEW.tenant_id IS NOT NULL AND (NEW.action LIKE 'reset.%' OR NEW.action IN ('me.method_verify', 'me.security_questions_set'))
BEGIN
  INSERT INTO `audit_daily` (tenant_id, day, action, outcome, code, rows)
  VALUES (NEW.tenant_id, substr(NEW.at, 1, 10), NEW.action, NEW.outcome, coalesce(NEW.code, ''), 1)
  ON CONFLICT (tenant_id, day, action, outcome, code) DO UPDATE SET rows = rows + 1;
END;
--> statement-breakpoint
INSERT INTO `audit_daily` (tenant_id, day, action, outcome, code, rows)
SELECT tenant_id, substr(at, 1, 10), action, outcome, coalesce(code, ''), count(*) FROM `audit_log`
WHERE tenant_id IS NOT NULL AND (action LIKE 'reset.%' OR action IN ('me.method_verify', 'me.security_questions_set'))
GROUP BY 1, 2, 3, 4, 5;
