import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import type { HclParser } from '../hcl/hcl-parser.ts';
import { indexTerraformFile } from '../hcl/index-terraform-file.ts';
import { locateSteps } from './locate-steps.ts';

let parser: HclParser;
beforeAll(async () => {
  parser = await loadTestParser();
});

/** Parses `text`, walks `steps` from its first resource and returns the 0-based line reached. */
function locate(text: string, steps: Parameters<typeof locateSteps>[1]) {
  const tree = parser.parse(text);
  try {
    const { head, exact } = locateSteps(indexTerraformFile(tree).resources[0]!.block, steps);
    return { line: head.startLine, exact, head };
  } finally {
    tree.delete();
  }
}

const twoContainers = `resource "kubernetes_deployment_v1" "x" {
  spec {
    template {
      spec {
        container {
          name  = "sidecar"
          image = "proxy:1"
        }
        container {
          name  = "api"
          image = "api:1"
        }
      }
    }
  }
}
`;

describe('locateSteps', () => {
  it('picks the repeated block whose name attribute matches the step', () => {
    const steps = [
      { attribute: 'spec' },
      { attribute: 'template' },
      { attribute: 'spec' },
      { attribute: 'container', name: 'api' },
      { attribute: 'image' },
    ];
    expect(locate(twoContainers, steps)).toMatchObject({ line: 10, exact: true });
  });

  it('picks a repeated block by position', () => {
    const steps = [
      { attribute: 'spec' },
      { attribute: 'template' },
      { attribute: 'spec' },
      { attribute: 'container', index: 1 },
    ];
    expect(locate(twoContainers, steps)).toMatchObject({ line: 8, exact: true });
  });

  it('stops at the deepest block found when a named item is not declared', () => {
    const steps = [
      { attribute: 'spec' },
      { attribute: 'template' },
      { attribute: 'spec' },
      { attribute: 'container', name: 'debug' },
    ];
    expect(locate(twoContainers, steps)).toMatchObject({ line: 3, exact: false });
  });

  it('follows a key into an object attribute', () => {
    const text =
      'resource "kubernetes_config_map_v1" "c" {\n  data = {\n    "a.json" = "{}"\n    B = "1"\n  }\n}\n';
    expect(locate(text, [{ attribute: 'data' }, { key: 'B' }])).toMatchObject({ line: 3, exact: true });
    expect(locate(text, [{ attribute: 'data' }, { key: 'a.json' }])).toMatchObject({ line: 2, exact: true });
  });

  it('stops at an attribute whose value is computed', () => {
    const text = 'resource "kubernetes_config_map_v1" "c" {\n  data = merge(local.a, local.b)\n}\n';
    expect(locate(text, [{ attribute: 'data' }, { key: 'B' }])).toMatchObject({ line: 1, exact: false });
  });

  it('walks into the content of a dynamic block', () => {
    const text = `resource "kubernetes_deployment_v1" "x" {
  spec {
    dynamic "container" {
      for_each = var.containers
      content {
        name  = container.key
        image = container.value
      }
    }
  }
}
`;
    const steps = [{ attribute: 'spec' }, { attribute: 'container', name: 'api' }, { attribute: 'image' }];
    expect(locate(text, steps)).toMatchObject({ line: 6, exact: true });
  });

  it('marks a multi-line block by its head only', () => {
    const { head } = locate(twoContainers, [{ attribute: 'spec' }]);
    expect(head).toEqual({ startLine: 1, startCol: 2, endLine: 1, endCol: 8 });
  });
});
