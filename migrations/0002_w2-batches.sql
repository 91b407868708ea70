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
CREATE INDEX `report_batches_expires` ON `report_batches` (`expires_at`);