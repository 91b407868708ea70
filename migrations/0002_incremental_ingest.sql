ALTER TABLE `live_resources` ADD `match_hash` text;--> statement-breakpoint
ALTER TABLE `scan_runs` ADD `match_context` text;