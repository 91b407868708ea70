/**
 * CONTRACT "Limits": a single object over 4 MiB is a 413, whatever the body limit. Thrown by the store,
 * which sees every object it would keep (live objects and IaC resources), before anything is written.
 *
 * @example
 * throw new ObjectTooLargeError('k8s/configmap/payments/big', 8_400_000, 4 * 1024 * 1024);
 */
export class ObjectTooLargeError extends Error {
  readonly resourceId: string;

  constructor(resourceId: string, bytes: number, limit: number) {
    super(
      `Object ${resourceId.slice(0, 200)} is ${bytes} bytes of JSON: the limit is ${limit} bytes (4 MiB) per object.`,
    );
    this.name = 'ObjectTooLargeError';
    this.resourceId = resourceId;
  }
}
