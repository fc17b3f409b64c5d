CREATE INDEX `reset_flows_login_at` ON `reset_flows` (`login`,`created_at`);--> statement-breakpoint
CREATE INDEX `reset_flows_ip_at` ON `reset_flows` (`ip`,`created_at`);