import { describe, expect, it } from 'vitest';
import { revertCommand } from './revert-command.ts';

describe('revertCommand', () => {
  it('targets a module resource address', () => {
    expect(revertCommand('module.dispatch.kubernetes_config_map_v1.rules')).toBe(
      "terraform apply -target='module.dispatch.kubernetes_config_map_v1.rules'",
    );
  });

  it('keeps the quotes of a for_each key inside single quotes', () => {
    expect(revertCommand('kubernetes_deployment_v1.site["eu"]')).toBe(
      `terraform apply -target='kubernetes_deployment_v1.site["eu"]'`,
    );
  });

  it('escapes a single quote POSIX style when the key holds one', () => {
    expect(revertCommand('x.y["it\'s"]')).toBe(`terraform apply -target='x.y["it'\\''s"]'`);
  });
});
