/**
 * What `state_sources.serial` and `.lineage` hold for a source uploaded as `terraform show -json` output,
 * which has neither. The columns are NOT NULL since migration 0000, and making them nullable would need an
 * SQLite table rebuild (`DROP TABLE` / `RENAME`), which on D1 cascades the drop into the rows that reference
 * the table with `ON DELETE CASCADE` (`iac_resources`). A serial of −1 is one no state file can have (core's
 * reader refuses a negative serial), so it marks such a source unambiguously; the store maps it to `null`
 * both ways and no other layer sees it.
 *
 * @example
 * serialOf(-1, ''); // { serial: null, lineage: null }
 */
export const NO_SERIAL = -1;

/** The lineage stored beside {@link NO_SERIAL}. Only the serial marks the row; this fills the column. */
export const NO_LINEAGE = '';

/** A source's serial and lineage from the stored columns: `null` for both when the serial is the marker. */
export function serialOf(serial: number, lineage: string): { serial: number | null; lineage: string | null } {
  return serial === NO_SERIAL ? { serial: null, lineage: null } : { serial, lineage };
}
