import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { HttpMethod, RequestContext } from '@kubernetes/client-node/dist/gen/http/http.js';
import { fetch } from 'undici';

/** An API server answer other than 200, with its status (410 Gone means "relist"). */
export class KubeHttpError extends Error {
  override name = 'KubeHttpError';
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.statusCode = statusCode;
  }
}

/**
 * GETs a JSON document from the API server with the kubeconfig's credentials and TLS settings — the same
 * mechanism client-node's `Watch` uses (a `RequestContext` authenticated by the config, undici with its
 * dispatcher), for the discovery documents and the paginated lists that client-node has no generic call for.
 *
 * @example await kubeGet(kc, '/apis/apps/v1/deployments?limit=500')
 */
export async function kubeGet<T>(kc: KubeConfig, path: string, signal?: AbortSignal): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const context = new RequestContext(`${cluster.server}${path}`, HttpMethod.GET);
  await kc.applySecurityAuthentication(context);
  const response = await fetch(context.getUrl(), {
    method: 'GET',
    headers: { ...Object.fromEntries(Object.entries(context.getHeaders())), Accept: 'application/json' },
    dispatcher: context.getDispatcher(),
    signal,
  });
  if (response.status !== 200)
    throw new KubeHttpError(
      response.status,
      `GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
    );
  return (await response.json()) as T;
}
