CREATE TABLE `drift_set_chunks` (
	`set_id` text NOT NULL,
	`org_id` text NOT NULL,
	`position` integer NOT NULL,
	`chunk_id` text NOT NULL,
	`summary` text,
	PRIMARY KEY(`set_id`, `position`),
	FOREIGN KEY (`set_id`) REFERENCES `drift_sets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drift_set_chunks_chunk` ON `drift_set_chunks` (`org_id`,`chunk_id`);--> statement-breakpoint
-- Hand-written: the sets stored so far move their JSON lists into rows (a summary kept in value_parts is
-- not carried over: those sets are paged by reading every chunk, as before summaries existed).
INSERT INTO `drift_set_chunks` (`set_id`, `org_id`, `position`, `chunk_id`, `summary`)
  SELECT s.`id`, s.`org_id`, j.`key`, j.`value`,
    CASE WHEN s.`chunk_summaries` IS NULL OR s.`chunk_summaries` LIKE '@parts:%' THEN NULL
      ELSE json_extract(s.`chunk_summaries`, '$[' || j.`key` || ']') END
  FROM `drift_sets` s, json_each(s.`chunk_ids`) j;--> statement-breakpoint
DROP INDEX `report_batch_objects_namespace`;--> statement-breakpoint
ALTER TABLE `report_batch_objects` ADD `bytes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `report_batch_objects_read` ON `report_batch_objects` (`org_id`,`batch_id`,`namespace`,`part_index`,`position`,`piece`,`bytes`);--> statement-breakpoint
ALTER TABLE `drift_sets` DROP COLUMN `chunk_ids`;--> statement-breakpoint
ALTER TABLE `drift_sets` DROP COLUMN `chunk_summaries`;