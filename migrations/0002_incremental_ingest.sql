ALTER TABLE `drift_sets` ADD `chunk_summaries` text;--> statement-breakpoint
ALTER TABLE `live_resources` ADD `match_hash` text;--> statement-breakpoint
ALTER TABLE `scan_runs` ADD `match_context` text;