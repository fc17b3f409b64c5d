DROP INDEX `users_tenant`;--> statement-breakpoint
CREATE INDEX `users_tenant_upn` ON `users` (`tenant_id`,`upn`);