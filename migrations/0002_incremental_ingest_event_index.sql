ALTER TABLE `drift_sets` ADD `chunk_summaries` text;--> statement-breakpoint
ALTER TABLE `live_resources` ADD `match_hash` text;--> statement-breakpoint
ALTER TABLE `scan_runs` ADD `match_context` text;--> statement-breakpoint
CREATE INDEX `drift_events_org_scope_resource_seq` ON `drift_events` (`org_id`,`cluster_id`,`namespace`,`resource_id`,`seq`);