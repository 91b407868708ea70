import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTestParser } from '../../test/support/hcl-parser.ts';
import type { HclParser } from '../hcl/hcl-parser.ts';
import { parseTerraformAddress } from './parse-terraform-address.ts';
import { createTerraformWorkspace, type TerraformWorkspace } from './terraform-workspace.ts';

let parser: HclParser;
let workspace: TerraformWorkspace;
beforeAll(async () => {
  parser = await loadTestParser();
});
afterEach(() => workspace.dispose());

const file = { uri: 'mem:/a/main.tf', path: '/a/main.tf' };
const block = 'resource "kubernetes_service_v1" "web" {\n}\n';
const address = parseTerraformAddress('kubernetes_service_v1.web')!;

describe('createTerraformWorkspace', () => {
  it('does not parse a file again when its text is unchanged', () => {
    workspace = createTerraformWorkspace(parser);
    expect(workspace.setFile(file, block)).toBe(true);
    expect(workspace.setFile(file, block)).toBe(false);
  });

  it('does not parse a file that declares no resource and calls no module', () => {
    let parses = 0;
    workspace = createTerraformWorkspace({
      parse: (text) => {
        parses += 1;
        return parser.parse(text);
      },
    });
    workspace.setFile(
      { uri: 'mem:/a/variables.tf', path: '/a/variables.tf' },
      'variable "replicas" {\n  default = 3\n}\n',
    );
    workspace.setFile(file, block);
    expect(parses).toBe(1);
    expect(workspace.findResource(address)).toHaveLength(1);
  });

  it('follows unsaved edits: a block moved down is found on its new line', () => {
    workspace = createTerraformWorkspace(parser);
    workspace.setFile(file, block);
    workspace.setFile(file, `# a comment\n\n${block}`);
    expect(workspace.findResource(address).map((match) => match.block.head.startLine)).toEqual([2]);
  });

  it('forgets a removed file', () => {
    workspace = createTerraformWorkspace(parser);
    workspace.setFile(file, block);
    workspace.removeFile(file.uri);
    expect(workspace.findResource(address)).toEqual([]);
  });

  it('finds the same root address in every root module of a multi-root workspace', () => {
    workspace = createTerraformWorkspace(parser);
    workspace.setFile(file, block);
    workspace.setFile({ uri: 'mem:/b/main.tf', path: '/b/main.tf' }, block);
    expect(workspace.findResource(address).map((match) => match.uri)).toEqual([
      'mem:/a/main.tf',
      'mem:/b/main.tf',
    ]);
  });

  it('ignores module sources that are not local paths', () => {
    workspace = createTerraformWorkspace(parser);
    workspace.setFile(file, 'module "x" {\n  source = "git::https://example.org/x.git"\n}\n');
    workspace.setFile({ uri: 'mem:/x/main.tf', path: '/x/main.tf' }, block);
    const inModule = parseTerraformAddress('module.x.kubernetes_service_v1.web')!;
    expect(workspace.findResource(inModule)).toEqual([]);
  });

  it('finds a module block once when two root modules call the same module', () => {
    workspace = createTerraformWorkspace(parser);
    const call = 'module "app" {\n  source = "../mod"\n}\n';
    workspace.setFile({ uri: 'mem:/prod/main.tf', path: '/prod/main.tf' }, call);
    workspace.setFile({ uri: 'mem:/staging/main.tf', path: '/staging/main.tf' }, call);
    workspace.setFile({ uri: 'mem:/mod/main.tf', path: '/mod/main.tf' }, block);
    const inModule = parseTerraformAddress('module.app.kubernetes_service_v1.web')!;
    expect(workspace.findResource(inModule).map((match) => [match.uri, match.via])).toEqual([
      ['mem:/mod/main.tf', 'module.app'],
    ]);
  });
});
