import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { ConfigError } from './config-error.ts';

/**
 * The Kubernetes credentials: the pod's service account when running in a cluster
 * (`KUBERNETES_SERVICE_HOST` set), else the file `KUBECONFIG` names. Neither is a configuration error:
 * client-node's fallback to `localhost:8080` would only fail later and less clearly.
 *
 * @example const kc = loadKubeConfig(process.env);
 */
export function loadKubeConfig(env: Record<string, string | undefined>): KubeConfig {
  const kc = new KubeConfig();
  if (env.KUBECONFIG) {
    try {
      kc.loadFromFile(env.KUBECONFIG.split(':')[0]!);
    } catch (error) {
      throw new ConfigError(
        `KUBECONFIG ${env.KUBECONFIG} cannot be read: ${(error as Error).message.slice(0, 200)}`,
      );
    }
  } else if (env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
  else throw new ConfigError('no Kubernetes access: not running in a pod and KUBECONFIG is not set');
  if (!kc.getCurrentCluster()) throw new ConfigError('the kubeconfig has no current context with a cluster');
  return kc;
}
