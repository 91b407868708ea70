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
	`changes` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drift_events_id` ON `drift_events` (`id`);--> statement-breakpoint
CREATE INDEX `drift_events_org_seq` ON `drift_events` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `drift_events_org_scope_seq` ON `drift_events` (`org_id`,`cluster_id`,`namespace`,`seq`);--> statement-breakpoint
CREATE INDEX `drift_events_scan` ON `drift_events` (`scan_id`);