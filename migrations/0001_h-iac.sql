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
