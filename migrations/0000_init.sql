CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`scopes` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `api_keys_prefix` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_keys_org` ON `api_keys` (`org_id`);--> statement-breakpoint
CREATE TABLE `cloud_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`provider` text NOT NULL,
	`external_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cloud_accounts_org_external` ON `cloud_accounts` (`org_id`,`external_id`);--> statement-breakpoint
CREATE TABLE `drift_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`items` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `drift_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`chunk_ids` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `iac_resources` (
	`state_source_id` text NOT NULL,
	`position` integer NOT NULL,
	`resource_id` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`state_source_id`, `position`),
	FOREIGN KEY (`state_source_id`) REFERENCES `state_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ignore_rules` (
	`org_id` text PRIMARY KEY NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `live_resources` (
	`org_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`scope` text NOT NULL,
	`resource_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`object` text NOT NULL,
	PRIMARY KEY(`org_id`, `cluster_id`, `scope`, `resource_id`),
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `orgs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scan_runs` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`org_id` text NOT NULL,
	`cloud_account_id` text NOT NULL,
	`cluster_id` text NOT NULL,
	`namespace` text NOT NULL,
	`created_at` text NOT NULL,
	`resource_count` integer NOT NULL,
	`summary` text NOT NULL,
	`drift_set_id` text NOT NULL,
	`body_hash` text NOT NULL,
	`inputs_hash` text NOT NULL,
	`generate_iac` integer NOT NULL,
	`iac_format` text NOT NULL,
	`custom_prompt` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cloud_account_id`) REFERENCES `cloud_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_runs_id` ON `scan_runs` (`id`);--> statement-breakpoint
CREATE INDEX `scan_runs_org_cluster_ns` ON `scan_runs` (`org_id`,`cluster_id`,`namespace`,`seq`);--> statement-breakpoint
CREATE INDEX `scan_runs_org_seq` ON `scan_runs` (`org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `scan_runs_org_body` ON `scan_runs` (`org_id`,`body_hash`);--> statement-breakpoint
CREATE TABLE `state_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`cluster_id` text,
	`serial` integer NOT NULL,
	`lineage` text NOT NULL,
	`terraform_version` text NOT NULL,
	`resource_count` integer NOT NULL,
	`k8s_resource_count` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `state_sources_org_name` ON `state_sources` (`org_id`,`name`);