import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAllYaml } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

// Rendered with `kubectl kustomize` (Debian's kubernetes-client in CI; KUBECTL may name another binary).
const kubectl = process.env.KUBECTL || 'kubectl';
const overlays = join(dirname(fileURLToPath(import.meta.url)), '..', 'deploy', 'overlays');

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: { verbs: string[] }[];
  spec?: { template: { spec: PodSpec } };
}
interface PodSpec {
  securityContext?: Record<string, unknown>;
  containers: {
    env?: { name: string; value?: string; valueFrom?: unknown }[];
    securityContext?: Record<string, unknown>;
    volumeMounts?: { name: string; mountPath: string }[];
    resources?: { limits?: Record<string, string> };
  }[];
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
}

function render(overlay: string): Manifest[] {
  const result = spawnSync(kubectl, ['kustomize', join(overlays, overlay)], { encoding: 'utf8' });
  if (result.error || result.status !== 0)
    throw new Error(
      `kubectl kustomize failed (install Debian's kubernetes-client, or set KUBECTL): ${result.error?.message ?? result.stderr}`,
    );
  return loadAllYaml(result.stdout) as Manifest[];
}

describe.each(['cluster', 'namespaces'])('the %s overlay', (overlay) => {
  const manifests = render(overlay);
  const deployment = manifests.find((m) => m.kind === 'Deployment')!;
  const pod = deployment.spec!.template.spec;
  const container = pod.containers[0]!;

  it('grants only get, list and watch', () => {
    const roles = manifests.filter((m) => m.kind === 'ClusterRole' || m.kind === 'Role');
    expect(roles.length).toBeGreaterThan(0);
    for (const rule of roles.flatMap((role) => role.rules ?? []))
      expect([...rule.verbs].sort()).toEqual(['get', 'list', 'watch']);
  });

  it('runs the container as non-root on a read-only root filesystem, without privileges', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources?.limits).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
  });

  it('reads the API key from the driftwise-operator Secret, key api-key, mounted as a file', () => {
    const volume = pod.volumes!.find((v) => v.secret?.secretName === 'driftwise-operator')!;
    expect(volume.secret!.items).toEqual([{ key: 'api-key', path: 'api-key' }]);
    const mount = container.volumeMounts!.find((m) => m.name === volume.name)!;
    const keyFile = container.env!.find((e) => e.name === 'DRIFTWISE_API_KEY_FILE')!;
    expect(keyFile.value).toBe(`${mount.mountPath}/api-key`);
    expect(container.env!.some((e) => e.name === 'DRIFTWISE_API_KEY')).toBe(false);
  });
});

describe('the namespaces overlay', () => {
  it('binds a Role in the watched namespace and reports only that namespace', () => {
    const manifests = render('namespaces');
    expect(manifests.find((m) => m.kind === 'RoleBinding')?.metadata.namespace).toBe('payments');
    expect(manifests.some((m) => m.kind === 'ClusterRole')).toBe(false);
    const env = manifests.find((m) => m.kind === 'Deployment')!.spec!.template.spec.containers[0]!.env!;
    expect(env.find((e) => e.name === 'DRIFTWISE_NAMESPACES')?.value).toBe('payments');
  });
});
