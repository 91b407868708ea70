ALTER TABLE `scan_runs` ADD `warnings` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `state_sources` ADD `skipped_types` text DEFAULT '{}' NOT NULL;