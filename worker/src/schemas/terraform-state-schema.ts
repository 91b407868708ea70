import { z } from 'zod';

/**
 * The body of `PUT …/state-sources/:name/state`, for the OpenAPI document only: a JSON object, the state file
 * exactly as `terraform state pull` prints it, or the JSON of `terraform show -json`. It is not the validator. core's `readTerraformState` reads
 * and checks the file, so that a bad file is a 400 with its own codes (`invalid_state` with the paths,
 * `unsupported_state_version`) rather than a generic schema error, and it keeps every field it does not
 * read; hence no property is required here and unknown ones are allowed.
 */
export const terraformStateSchema = z
  .looseObject({
    version: z.int().meta({ description: 'The state format version: 4 (Terraform ≥ 0.12).' }),
    format_version: z.string().meta({
      description: '`terraform show -json` output only (then no `version`, `serial`, `lineage`): "1.x".',
    }),
    values: z.looseObject({}).meta({
      description:
        '`terraform show -json` output only: `root_module` with its `resources` and `child_modules`.',
    }),
    terraform_version: z.string(),
    serial: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
    lineage: z.string(),
    outputs: z.record(z.string(), z.unknown()),
    resources: z.array(
      z.looseObject({
        module: z.string().optional(),
        mode: z.enum(['managed', 'data']),
        type: z.string(),
        name: z.string(),
        provider: z.string(),
        instances: z.array(
          z.looseObject({
            index_key: z.union([z.string(), z.int()]).optional(),
            attributes: z.record(z.string(), z.unknown()).optional(),
          }),
        ),
      }),
    ),
  })
  .partial()
  .meta({
    id: 'TerraformState',
    description:
      'A Terraform state file, format version 4, exactly as `terraform state pull` prints it, or the JSON of ' +
      '`terraform show -json` (`format_version` 1.x), sent as a JSON object (`Content-Type: application/json`). ' +
      'A lower `serial` than the stored one of the same `lineage` is a 409 `stale_state`; `terraform show -json` ' +
      'output has neither and always replaces.',
  });
