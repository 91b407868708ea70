import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DriftItem,
  type JsonObject,
  matchContexts,
  matchDrift,
  operatorReportRequestSchema,
  readTerraformState,
  relevantManagedFields,
  secretHasher,
  toLiveResources,
} from '../../src/index.ts';
import { EXAMPLES_DIR, readExample } from '../support/examples.ts';

function handEdits() {
  const hasher = secretHasher('examples', 'k1test');
  const state = readTerraformState(readFileSync(`${EXAMPLES_DIR}hand-edits/state.tfstate`, 'utf8'), {
    secretHasher: hasher,
    stateSource: 'main',
  });
  const report = operatorReportRequestSchema.parse(readExample('hand-edits', 'report.json'));
  return {
    live: toLiveResources(report, { secretHasher: hasher }),
    iac: state.resources,
    namespace: 'fleet',
  };
}

describe('matchContexts', () => {
  it('gives each in-scope live object the IaC resources paired with it', () => {
    const inputs = handEdits();
    const contexts = matchContexts(inputs);
    expect(contexts.map((context) => [context.live.id, context.iac.map((resource) => resource.id)])).toEqual(
      inputs.live.map((resource) => [
        resource.id,
        inputs.iac.filter((declared) => declared.id === resource.id).map((declared) => declared.id),
      ]),
    );
    expect(contexts.every((context) => !context.hpaTarget)).toBe(true);
  });

  it('leaves out objects of other namespaces', () => {
    expect(matchContexts({ ...handEdits(), namespace: 'elsewhere' })).toEqual([]);
  });
});

describe('matchDrift reuse', () => {
  it('puts the returned items in place of an object match and matches the others', () => {
    const inputs = handEdits();
    const full = matchDrift(inputs);
    const tracker = inputs.live.find((resource) => resource.id === 'k8s/deployment/fleet/tracker')!;
    const marked: DriftItem = {
      ...full.items.find((item) => item.resource_id === tracker.id)!,
      name: 'kept',
    };
    const asked: string[] = [];
    const result = matchDrift({
      ...inputs,
      reuse: (resource) => {
        asked.push(resource.id);
        return resource === tracker ? [marked] : undefined;
      },
    });
    expect(result.items).toEqual(full.items.map((item) => (item.resource_id === tracker.id ? marked : item)));
    expect(result.summary).toEqual(full.summary);
    expect(asked.sort()).toEqual(
      inputs.live
        .filter((resource) => !resource.controlled)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('drops the object’s items when it returns none', () => {
    const inputs = handEdits();
    const result = matchDrift({
      ...inputs,
      reuse: (resource) => (resource.kind === 'configmap' ? [] : undefined),
    });
    expect(result.items.some((item) => item.resource_id.startsWith('k8s/configmap/'))).toBe(false);
  });
});

describe('relevantManagedFields', () => {
  const entry = (manager: string, fieldsV1: JsonObject, subresource?: string): JsonObject => ({
    manager,
    operation: 'Update',
    ...(subresource ? { subresource } : {}),
    time: '2026-01-01T00:00:00Z',
    fieldsType: 'FieldsV1',
    fieldsV1,
  });
  const iac = handEdits().iac.filter((resource) => resource.id === 'k8s/deployment/fleet/tracker');

  it('leaves out status-only entries of other managers and unreadable entries', () => {
    const kept = entry('kubectl-edit', { 'f:spec': { 'f:replicas': {} } });
    const object: JsonObject = {
      metadata: {
        managedFields: [
          entry('kube-controller-manager', { 'f:status': { 'f:replicas': {} } }, 'status'),
          kept,
          { manager: 'no-fields' },
          'not an entry',
        ],
      },
    };
    expect(relevantManagedFields(object, iac)).toEqual([kept]);
  });

  it('keeps a status-only entry of the IaC side’s manager (it moves the time of its last write)', () => {
    const own = entry('HashiCorp', { 'f:status': {} });
    expect(relevantManagedFields({ metadata: { managedFields: [own] } }, iac)).toEqual([own]);
    expect(relevantManagedFields({ metadata: { managedFields: [own] } }, [])).toEqual([]);
  });

  it('is empty for an object without managedFields', () => {
    expect(relevantManagedFields({ metadata: {} }, iac)).toEqual([]);
  });
});
