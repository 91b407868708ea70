import { describe, expect, it } from 'vitest';
import { contentDefinedChunks } from '../src/store/content-defined-chunks.ts';

const items = (ids: string[]) => ids.map((id) => ({ key: id, json: JSON.stringify({ id }) }));
const ids = Array.from({ length: 400 }, (_, i) => `k8s/configmap/ns/item-${i}`);

describe('contentDefinedChunks', () => {
  it('keeps every item, in order', () => {
    const chunks = [...contentDefinedChunks(items(ids))];
    expect(chunks.flat()).toEqual(items(ids).map((item) => item.json));
    expect(chunks.length).toBeGreaterThan(3);
  });

  it('changes only the chunk of an item that changed', () => {
    const before = [...contentDefinedChunks(items(ids))];
    const changed = items(ids);
    changed[200] = { key: ids[200]!, json: JSON.stringify({ id: ids[200], changed: true }) };
    const after = [...contentDefinedChunks(changed)];
    const differing = after.filter((chunk) => !before.some((old) => old.join() === chunk.join()));
    expect(differing).toHaveLength(1);
  });

  it('keeps the boundaries elsewhere when an item is inserted', () => {
    const before = [...contentDefinedChunks(items(ids))];
    const after = [
      ...contentDefinedChunks(items([...ids.slice(0, 100), 'k8s/configmap/ns/new', ...ids.slice(100)])),
    ];
    const differing = after.filter((chunk) => !before.some((old) => old.join() === chunk.join()));
    expect(differing.length).toBeLessThanOrEqual(2);
  });

  it('ends a chunk before it passes maxBytes', () => {
    const chunks = [...contentDefinedChunks(items(ids), { every: 1_000_000, maxBytes: 500 })];
    expect(chunks.flat()).toHaveLength(ids.length);
    for (const chunk of chunks) expect(chunk.join(',').length).toBeLessThanOrEqual(500);
  });

  it('reads its items only as it gives chunks', () => {
    let read = 0;
    function* counted() {
      for (const item of items(ids)) {
        read += 1;
        yield item;
      }
    }
    const chunks = contentDefinedChunks(counted());
    const first = chunks.next().value as string[];
    expect(read).toBe(first.length);
  });
});
