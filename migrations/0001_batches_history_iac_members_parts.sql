CREATE TABLE `baseline_items` (
	`org_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`scan_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`accepted_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `cluster_id`, `namespace`, `fingerprint`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `baselines` (
	`org_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`scan_id` text NOT NULL,
	`accepted_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `cluster_id`, `namespace`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `drift_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`org_id` text NOT NULL,
	`scan_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`at` text NOT NULL,
	`type` text NOT NULL,
	`resource_id` text NOT NULL,
	`status` text NOT NULL,
	`severity` text NOT NULL,
	`accepted` integer DEFAULT false NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drift_events_id` ON `drift_events` (`id`);--> statement-breakpoint
CREATE INDEX `drift_events_org_seq` ON `drift_events` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `drift_events_org_scope_seq` ON `drift_events` (`org_id`,`cluster_id`,`namespace`,`seq`);--> statement-breakpoint
CREATE INDEX `drift_events_scan` ON `drift_events` (`scan_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `email`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `members_email` ON `members` (`email`);--> statement-breakpoint
CREATE TABLE `report_batch_live` (
	`org_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`part_index` integer NOT NULL,
	`position` integer NOT NULL,
	`resource_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`object` text NOT NULL,
	PRIMARY KEY(`org_id`, `batch_id`, `part_index`, `position`)
);
--> statement-breakpoint
CREATE TABLE `report_batch_objects` (
	`org_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`part_index` integer NOT NULL,
	`position` integer NOT NULL,
	`piece` integer NOT NULL,
	`namespace` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`org_id`, `batch_id`, `part_index`, `position`, `piece`)
);
--> statement-breakpoint
CREATE INDEX `report_batch_objects_namespace` ON `report_batch_objects` (`org_id`,`batch_id`,`namespace`,`part_index`,`position`,`piece`);--> statement-breakpoint
CREATE TABLE `report_batch_parts` (
	`org_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`part_index` integer NOT NULL,
	`object_count` integer NOT NULL,
	`content_hash` text NOT NULL,
	PRIMARY KEY(`org_id`, `batch_id`, `part_index`)
);
--> statement-breakpoint
CREATE TABLE `report_batches` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`total` integer NOT NULL,
	`options` text NOT NULL,
	`state` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`scan_id` text,
	`resource_count` integer,
	PRIMARY KEY(`org_id`, `id`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_batches_expires` ON `report_batches` (`expires_at`);--> statement-breakpoint
CREATE TABLE `scan_iac` (
	`scan_id` text NOT NULL,
	`org_id` text NOT NULL,
	`part` integer NOT NULL,
	`meta` text,
	`content` text NOT NULL,
	PRIMARY KEY(`scan_id`, `part`),
	FOREIGN KEY (`scan_id`) REFERENCES `scan_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `value_parts` (
	`org_id` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`org_id`, `id`, `position`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`at` text NOT NULL,
	`status` text NOT NULL,
	`response_code` integer,
	`error` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_webhook` ON `webhook_attempts` (`webhook_id`,`seq`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`scan_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_scan` ON `webhook_deliveries` (`scan_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`min_severity` text NOT NULL,
	`format` text NOT NULL,
	`secret_box` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhooks_org` ON `webhooks` (`org_id`);--> statement-breakpoint
ALTER TABLE `scan_runs` ADD `warnings` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `state_sources` ADD `skipped_types` text DEFAULT '{}' NOT NULL;