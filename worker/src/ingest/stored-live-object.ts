import { isJsonObject, type JsonObject } from '@driftwise/core';

/**
 * The part of a live object worth keeping: everything but `status`, `metadata.managedFields` and
 * `metadata.resourceVersion`, which change on every controller sync without any change of configuration.
 * Leaving them out keeps content hashes stable, so an unchanged cluster writes no live rows.
 */
export function storedLiveObject(object: JsonObject): JsonObject {
  const { status: _status, ...rest } = object;
  if (!isJsonObject(rest.metadata)) return rest;
  const { managedFields: _managedFields, resourceVersion: _resourceVersion, ...metadata } = rest.metadata;
  return { ...rest, metadata };
}
