import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import type { IacResource } from '../model.ts';
import { iacFieldManagers } from './iac-field-managers.ts';

/**
 * The `metadata.managedFields` entries of a live object that can change its drift when it is matched
 * against `iac` (issue 9, incremental ingest): every readable entry (a manager and a `fieldsV1` trie,
 * see `managedFieldsEntries`) except those that own nothing outside `status` and are not an IaC
 * manager's. Those are the status syncs of controllers, which move with every sync: `changed_by` and
 * undeclared fields are only decided outside `status` (it is never compared), and only an IaC manager's
 * entry moves the time after which a person's write counts, so leaving them out changes no item.
 *
 * @example
 * relevantManagedFields(deployment.object, [declared]) // [{ manager: 'kubectl-edit', … }] (no controller status entry)
 */
export function relevantManagedFields(object: JsonObject, iac: readonly IacResource[]): JsonValue[] {
  const metadata = object.metadata;
  const list = isJsonObject(metadata) ? metadata.managedFields : undefined;
  if (!Array.isArray(list)) return [];
  const iacManagers = new Set(iac.flatMap((resource) => iacFieldManagers(resource)));
  return list.filter((entry) => {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string' || !isJsonObject(entry.fieldsV1))
      return false;
    if (iacManagers.has(entry.manager)) return true;
    return Object.keys(entry.fieldsV1).some((key) => key !== 'f:status');
  });
}
