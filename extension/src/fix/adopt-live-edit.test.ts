import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTextEdit } from '../../test/support/apply-text-edit.ts';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import type { ApiDriftChange } from '../api/scan-types.ts';
import type { HclParser } from '../hcl/hcl-parser.ts';
import { indexTerraformFile } from '../hcl/index-terraform-file.ts';
import { adoptLiveEdit } from './adopt-live-edit.ts';

let parser: HclParser;
beforeAll(async () => {
  parser = await loadTestParser();
});
afterAll(() => undefined);

const deployment = `resource "kubernetes_deployment_v1" "tracker" {
  metadata {
    name = "tracker"
    labels = {
      app = "tracker"
    }
  }

  spec {
    replicas = 2

    template {
      spec {
        container {
          name  = "tracker"
          image = "tracker:2.8.0"

          env {
            name  = "TOPIC"
            value = "fleet"
          }
        }
      }
    }
  }
}
`;

/** Parses `text`, runs the adopt planner on its first resource, and applies the edit. */
function adopt(
  text: string,
  change: Partial<ApiDriftChange> & { path: string },
  instanceKey: string | null = null,
) {
  const tree = parser.parse(text);
  const [resource] = indexTerraformFile(tree).resources;
  tree.delete();
  const result = adoptLiveEdit({
    resource: resource!.block,
    terraformType: resource!.type,
    change: { iac: null, live: null, severity: 'low', ...change },
    text,
    instanceKey,
  });
  return 'edit' in result ? { text: applyTextEdit(text, result.edit) } : result;
}

describe('adoptLiveEdit', () => {
  it('rewrites a number in place when a scalar changed', () => {
    const result = adopt(deployment, { path: 'spec.replicas', iac: 2, live: 4 });
    expect(result).toEqual({ text: deployment.replace('replicas = 2', 'replicas = 4') });
  });

  it('rewrites a string with HCL escapes when the live value has quotes and a template start', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the live value holds a literal `${`, which HCL must escape.
    const live = 'tracker:"rc"${x}';
    const result = adopt(deployment, {
      path: 'spec.template.spec.containers[tracker].image',
      iac: 'x',
      live,
    });
    expect(result).toEqual({
      text: deployment.replace('"tracker:2.8.0"', '"tracker:\\"rc\\"$${x}"'),
    });
  });

  it('inserts a map key before the closing brace when a label was added', () => {
    const result = adopt(deployment, { path: 'metadata.labels.tier', live: 'gold' });
    expect(result).toEqual({
      text: deployment.replace('      app = "tracker"\n', '      app = "tracker"\n      tier = "gold"\n'),
    });
  });

  it('quotes a map key that is not an identifier', () => {
    const result = adopt(deployment, { path: 'metadata.labels.app.kubernetes.io/part-of', live: 'fleet' });
    expect(result).toMatchObject({
      text: expect.stringContaining('      "app.kubernetes.io/part-of" = "fleet"\n    }'),
    });
  });

  it('adds a new env block to the container when an env var was added by hand', () => {
    const result = adopt(deployment, {
      path: 'spec.template.spec.containers[tracker].env[TRACE]',
      live: { name: 'TRACE', value: '0.25' },
      undeclared: true,
    });
    const added = [
      '',
      '          env {',
      '            name  = "TRACE"',
      '            value = "0.25"',
      '          }',
      '',
    ].join('\n');
    expect(result).toEqual({
      text: deployment.replace(
        '            value = "fleet"\n          }\n',
        `            value = "fleet"\n          }\n${added}`,
      ),
    });
  });

  it('adds a container block with typed names and nested blocks when a sidecar was added', () => {
    const result = adopt(deployment, {
      path: 'spec.template.spec.containers[proxy]',
      live: {
        name: 'proxy',
        image: 'envoy:1',
        ports: [{ containerPort: 9901, name: 'admin' }],
        resources: { limits: { cpu: '100m' } },
      },
    });
    const expected = [
      '',
      '        container {',
      '          name  = "proxy"',
      '          image = "envoy:1"',
      '',
      '          port {',
      '            container_port = 9901',
      '            name           = "admin"',
      '          }',
      '',
      '          resources {',
      '            limits = {',
      '              cpu = "100m"',
      '            }',
      '          }',
      '        }',
      '',
    ].join('\n');
    expect(result).toMatchObject({ text: expect.stringContaining(`${expected}      }\n    }\n  }\n}`) });
  });

  it('inserts an undeclared scalar attribute into its block', () => {
    const result = adopt(deployment, { path: 'spec.minReadySeconds', live: 10, undeclared: true });
    expect(result).toMatchObject({
      text: expect.stringContaining('    }\n    min_ready_seconds = 10\n  }\n}'),
    });
  });

  it('refuses a whole list of objects added to a typed block', () => {
    const tolerations = [{ key: 'gpu', operator: 'Exists' }];
    expect(adopt(deployment, { path: 'spec.template.spec.tolerations', live: tolerations })).toEqual({
      refused: 'spec.template.spec.tolerations is a list of objects: edit it by hand',
    });
  });

  it('deletes the attribute line when the field was removed in the cluster', () => {
    const result = adopt(deployment, {
      path: 'spec.template.spec.containers[tracker].image',
      iac: 'x',
      live: null,
    });
    expect(result).toEqual({ text: deployment.replace('          image = "tracker:2.8.0"\n', '') });
  });

  it('deletes a named block when the list item was removed in the cluster', () => {
    const result = adopt(deployment, {
      path: 'spec.template.spec.containers[tracker].env[TOPIC]',
      iac: { name: 'TOPIC', value: 'fleet' },
      live: null,
    });
    expect(result).toEqual({
      text: deployment.replace(
        '          env {\n            name  = "TOPIC"\n            value = "fleet"\n          }\n',
        '',
      ),
    });
  });

  it('refuses a Secret value, which is redacted', () => {
    const result = adopt(deployment, { path: 'spec.replicas', iac: '(redacted)', live: '(redacted)' });
    expect(result).toEqual({ refused: expect.stringContaining('redacted') });
  });

  it('refuses to overwrite an expression with a literal', () => {
    const text = deployment.replace('replicas = 2', 'replicas = var.replicas');
    expect(adopt(text, { path: 'spec.replicas', iac: 2, live: 4 })).toEqual({
      refused: 'the value is an expression (var.replicas): change it where it comes from',
    });
  });

  it('refuses when the block makes several instances', () => {
    expect(adopt(deployment, { path: 'spec.replicas', iac: 2, live: 4 }, 'a')).toEqual({
      refused: expect.stringContaining('several instances'),
    });
  });

  it('refuses when more than the last step is missing from the file', () => {
    expect(adopt(deployment, { path: 'spec.strategy.rollingUpdate.maxSurge', live: '50%' })).toEqual({
      refused:
        'the file does not declare the parents of spec.strategy.rollingUpdate.maxSurge: edit it by hand',
    });
  });

  it('appends an item to a manifest list with the comma HCL needs', () => {
    const manifest = `resource "kubernetes_manifest" "job" {
  manifest = {
    spec = {
      containers = [
        {
          name = "a"
        }
      ]
    }
  }
}
`;
    const result = adopt(manifest, { path: 'spec.containers[b]', live: { name: 'b', image: 'x' } });
    expect(result).toEqual({
      text: manifest.replace(
        '        }\n      ]',
        '        },\n        {\n          name  = "b"\n          image = "x"\n        },\n      ]',
      ),
    });
  });

  it('inserts a manifest key with the API name when an undeclared field was added', () => {
    const manifest = `resource "kubernetes_manifest" "svc" {
  manifest = {
    spec = {
      ports = []
    }
  }
}
`;
    const result = adopt(manifest, { path: 'spec.type', live: 'NodePort', undeclared: true });
    expect(result).toEqual({
      text: manifest.replace('      ports = []\n', '      ports = []\n      type = "NodePort"\n'),
    });
  });
});
