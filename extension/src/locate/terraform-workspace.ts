import { posix } from 'node:path';
import type { HclParser } from '../hcl/hcl-parser.ts';
import {
  indexTerraformFile,
  type ResourceBlock,
  type TerraformFileIndex,
} from '../hcl/index-terraform-file.ts';
import type { TerraformAddress } from './parse-terraform-address.ts';

/** A `.tf` file: `uri` identifies it to the editor, `path` (POSIX, e.g. `Uri.path`) places it in a directory. */
export interface TerraformFileRef {
  uri: string;
  path: string;
}

/** A resource block an address resolved to, with the module calls that lead there. */
export interface ResourceMatch {
  uri: string;
  block: ResourceBlock;
  /** The calling chain as written in the address: `module.a`, `module.a.module.db`; `null` in a root module. */
  via: string | null;
}

/** The parsed `.tf` files of a workspace (all roots of a multi-root workspace together). */
export interface TerraformWorkspace {
  /** Indexes a file unless its text is unchanged; returns whether it was indexed again. */
  setFile(file: TerraformFileRef, text: string): boolean;
  removeFile(uri: string): void;
  hasFile(uri: string): boolean;
  /** Every resource block the address can mean: one per root module (and module caller) that declares it. */
  findResource(address: TerraformAddress): ResourceMatch[];
  /** How many files and resource blocks are indexed. */
  stats(): { files: number; resources: number };
  /** Forgets every file. */
  dispose(): void;
}

/** A word that starts a resource block or a module call (labels may be quoted or bare). */
const MAY_DECLARE = /\b(?:resource|module)\b/;

interface IndexedFile {
  ref: TerraformFileRef;
  dir: string;
  text: string;
  index: TerraformFileIndex;
}

/**
 * Keeps the resource blocks of every file (plain data; trees are freed after reading) and resolves addresses through local `module` calls. A root module is a
 * directory with `.tf` files that no local `module` block points at; `module.x.…` follows `source = "./…"`
 * paths from there, so a module's resources land in the module's own files.
 * @example ws.setFile({ uri, path: '/ws/main.tf' }, text); ws.findResource(parseTerraformAddress(addr)!)
 */
export function createTerraformWorkspace(parser: HclParser): TerraformWorkspace {
  const files = new Map<string, IndexedFile>();

  function indexOf(text: string): TerraformFileIndex {
    // Only resource blocks and module calls are indexed: a file with neither (variables, outputs,
    // providers, locals) needs no parse, and in a real workspace those are many of the files.
    if (!MAY_DECLARE.test(text)) return { resources: [], modules: [] };
    const tree = parser.parse(text);
    try {
      return indexTerraformFile(tree);
    } finally {
      // The index is plain data: the tree's WebAssembly memory can go now.
      tree.delete();
    }
  }

  // Derived from `files`, rebuilt on first use after a change: lookups per address, never a scan of
  // every block (a refresh maps thousands of addresses).
  let derived: Derived | null = null;

  function build(): Derived {
    if (derived) return derived;
    const byDir = new Map<string, IndexedFile[]>();
    const blocksByKey = new Map<string, { dir: string; uri: string; block: ResourceBlock }[]>();
    const called = new Set<string>();
    for (const file of files.values()) {
      push(byDir, file.dir, file);
      for (const block of file.index.resources) {
        push(blocksByKey, `${block.type}.${block.name}`, { dir: file.dir, uri: file.ref.uri, block });
      }
      for (const call of file.index.modules) {
        const target = localSourceDir(file.dir, call.source);
        if (target) called.add(target);
      }
    }
    const all = [...byDir.keys()];
    const roots = all.filter((dir) => !called.has(dir));
    // Modules that call each other in a cycle leave no root: better every directory than none.
    derived = { byDir, blocksByKey, roots: new Set(roots.length > 0 ? roots : all), moduleDirs: new Map() };
    return derived;
  }

  /** The directories a module call chain (`['app', 'db']`) reaches from every root module. */
  function dirsFor(modules: readonly string[]): Set<string> {
    const state = build();
    if (modules.length === 0) return state.roots;
    const cacheKey = modules.join('.');
    const cached = state.moduleDirs.get(cacheKey);
    if (cached) return cached;
    let frontier = new Set(state.roots);
    for (const callName of modules) {
      const next = new Set<string>();
      for (const dir of frontier) {
        for (const file of state.byDir.get(dir) ?? []) {
          for (const call of file.index.modules) {
            const target = call.name === callName ? localSourceDir(file.dir, call.source) : null;
            if (target) next.add(target);
          }
        }
      }
      frontier = next;
    }
    state.moduleDirs.set(cacheKey, frontier);
    return frontier;
  }

  return {
    setFile(ref, text) {
      const existing = files.get(ref.uri);
      if (existing && existing.text === text && existing.ref.path === ref.path) return false;
      files.set(ref.uri, { ref, dir: posix.dirname(ref.path), text, index: indexOf(text) });
      derived = null;
      return true;
    },
    removeFile(uri) {
      if (files.delete(uri)) derived = null;
    },
    hasFile(uri) {
      return files.has(uri);
    },
    findResource(address) {
      const candidates = build().blocksByKey.get(`${address.type}.${address.name}`);
      if (!candidates) return [];
      const dirs = dirsFor(address.modules);
      const via =
        address.modules.length > 0 ? address.modules.map((call) => `module.${call}`).join('.') : null;
      return candidates.filter(({ dir }) => dirs.has(dir)).map(({ uri, block }) => ({ uri, block, via }));
    },
    stats() {
      let resources = 0;
      for (const file of files.values()) resources += file.index.resources.length;
      return { files: files.size, resources };
    },
    dispose() {
      files.clear();
      derived = null;
    },
  };
}

interface Derived {
  byDir: Map<string, IndexedFile[]>;
  /** `type.name` → every block with that type and name, wherever it is. */
  blocksByKey: Map<string, { dir: string; uri: string; block: ResourceBlock }[]>;
  /** Directories no local `module` block points at. */
  roots: Set<string>;
  /** Module call chain (`app.db`) → the directories it reaches. */
  moduleDirs: Map<string, Set<string>>;
}

/** `./modules/app` from `/ws/env` → `/ws/env/modules/app`; registry, git and URL sources → `null`. */
function localSourceDir(fromDir: string, source: string | null): string | null {
  if (!source || !(source.startsWith('./') || source.startsWith('../'))) return null;
  return posix.normalize(posix.join(fromDir, source)).replace(/\/+$/, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
