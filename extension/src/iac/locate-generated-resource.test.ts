import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import type { HclParser } from '../hcl/hcl-parser.ts';
import { readTopLevelBlocks } from '../hcl/read-top-level-blocks.ts';
import { locateGeneratedResource } from './locate-generated-resource.ts';

let parser: HclParser;
beforeAll(async () => {
  parser = await loadTestParser();
});

const generated = `variable "docs_token_api_key" {
  type      = string
  sensitive = true
}

resource "kubernetes_deployment_v1" "docs_link_checker" {
  metadata {
    name      = "link-checker"
    namespace = "docs"
  }
}

import {
  to = kubernetes_deployment_v1.docs_link_checker
  id = "docs/link-checker"
}

resource "kubernetes_secret_v1" "docs_token" {
  metadata {
    name      = "token"
    namespace = "docs"
  }
  data = {
    api_key = var.docs_token_api_key
  }
}

import {
  to = kubernetes_secret_v1.docs_token
  id = "docs/token"
}

resource "kubernetes_manifest" "docs_widget" {
  manifest = {
    kind = "Widget"
  }
}

import {
  to = kubernetes_manifest.docs_widget
  id = "apiVersion=example.org/v1,kind=Widget,namespace=docs,name=widget"
}
`;

function locate(item: { normalized_type: string; namespace: string | null; name: string }) {
  const tree = parser.parse(generated);
  const blocks = readTopLevelBlocks(tree);
  tree.delete();
  return locateGeneratedResource(blocks, generated, item);
}

describe('locateGeneratedResource', () => {
  it('finds a typed resource through the import block whose id is namespace/name', () => {
    const found = locate({ normalized_type: 'k8s/deployment', namespace: 'docs', name: 'link-checker' });
    expect(found?.span.startLine).toBe(5);
    // The resource (lines 5–10), a blank line, and its import block (lines 12–15).
    expect(found?.code).toBe(`${generated.split('\n').slice(5, 16).join('\n')}\n`);
  });

  it('brings the sensitive variables a Secret resource uses along with it', () => {
    const found = locate({ normalized_type: 'k8s/secret', namespace: 'docs', name: 'token' });
    expect(found?.code.startsWith('variable "docs_token_api_key" {')).toBe(true);
    expect(found?.code).toContain('resource "kubernetes_secret_v1" "docs_token" {');
    expect(found?.code.trimEnd().endsWith('id = "docs/token"\n}')).toBe(true);
  });

  it('finds a kubernetes_manifest through its key=value import id', () => {
    const found = locate({ normalized_type: 'k8s/widget', namespace: 'docs', name: 'widget' });
    expect(found?.code).toContain('resource "kubernetes_manifest" "docs_widget" {');
  });

  it('returns null when no import block names the object', () => {
    expect(locate({ normalized_type: 'k8s/deployment', namespace: 'docs', name: 'other' })).toBeNull();
  });
});
