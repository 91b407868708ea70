import { z } from 'zod';
import { IAC_FORMATS, IAC_SCOPES } from '../iac/iac-options.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { jsonDepthExceeds, REPORT_LIMITS } from './limits.ts';

const name = z.string().min(1).max(REPORT_LIMITS.maxNameLength);

/** RFC 1123 label: what Kubernetes accepts as a namespace name. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A cluster id chosen by the operator's installer: letters, digits and `.`, `_`, `:`, `-`. */
const CLUSTER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** `k8s/<kind>` with the kind lowercase singular (CONTRACT "resource ID"). */
const NORMALIZED_TYPE = /^k8s\/[a-z][a-z0-9]*$/;

const metadataSchema = z.looseObject({
  name: z.string().max(REPORT_LIMITS.maxNameLength).optional(),
  namespace: z
    .string()
    .max(63)
    .regex(NAMESPACE, 'must be a Kubernetes namespace name (RFC 1123 label)')
    .optional(),
  uid: z.string().max(REPORT_LIMITS.maxNameLength).optional(),
  labels: z.record(z.string(), z.string()).nullish(),
  annotations: z.record(z.string(), z.string()).nullish(),
});

const propertiesSchema = z
  .looseObject({ metadata: metadataSchema.optional(), kind: z.string().optional() })
  .refine((value) => !jsonDepthExceeds(value, REPORT_LIMITS.maxDepth), {
    message: `nests deeper than ${REPORT_LIMITS.maxDepth} levels`,
  })
  .meta({
    description: 'The object as the Kubernetes API returns it (camelCase: metadata, spec, data, rules, …).',
  });

/** One live Kubernetes object in an operator report. */
export const resourceSchema = z
  .object({
    id: z.string().min(1).max(REPORT_LIMITS.maxNameLength).meta({ description: 'The object UID.' }),
    normalized_type: z
      .string()
      .regex(NORMALIZED_TYPE, 'must be "k8s/<kind>" with a lowercase singular kind, e.g. "k8s/deployment"'),
    provider_type: z.string().min(1).max(REPORT_LIMITS.maxNameLength),
    provider: z.literal('kubernetes', { error: 'must be "kubernetes"' }),
    name,
    region: z.string().max(REPORT_LIMITS.maxNameLength).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    properties: propertiesSchema,
  })
  .superRefine((resource, ctx) => {
    const kind = resource.normalized_type.slice('k8s/'.length);
    if (resource.provider_type !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider_type'],
        message: `must be the lowercase kind of normalized_type ("${kind}")`,
      });
    }
    const declaredKind = resource.properties.kind;
    if (declaredKind !== undefined && declaredKind.toLowerCase() !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'kind'],
        message: `"${declaredKind}" does not agree with normalized_type "${resource.normalized_type}"`,
      });
    }
    const metadataName = resource.properties.metadata?.name;
    if (metadataName !== undefined && metadataName !== resource.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'metadata', 'name'],
        message: `"${metadataName}" does not agree with name "${resource.name}"`,
      });
    }
  })
  .meta({ id: 'Resource' });

/** Body of `POST /api/v2/operator/report` (CONTRACT "Operator report"). */
export const operatorReportRequestSchema = z
  .object({
    cluster_id: name.regex(CLUSTER_ID, 'may hold letters, digits, ".", "_", ":" and "-"'),
    namespace: z
      .string()
      .max(63)
      .refine((value) => value === '*' || NAMESPACE.test(value), {
        message: 'must be a namespace name or "*" for a whole-cluster report',
      }),
    resources: z.array(resourceSchema).max(REPORT_LIMITS.maxResources),
    generate_iac: z.boolean().default(false),
    iac_format: z
      .enum(IAC_FORMATS, { error: `must be one of ${IAC_FORMATS.map((f) => `"${f}"`).join(', ')}` })
      .default('terraform'),
    iac_scope: z
      .enum(IAC_SCOPES, { error: `must be one of ${IAC_SCOPES.map((s) => `"${s}"`).join(', ')}` })
      .default('extra'),
    custom_prompt: z.string().max(REPORT_LIMITS.maxPromptLength).default(''),
  })
  .superRefine((report, ctx) => {
    // A whole-cluster report has no namespace to fall back on: namespaced objects must carry their own.
    if (report.namespace !== '*') return;
    report.resources.forEach((resource, index) => {
      const kind = resource.normalized_type.slice('k8s/'.length);
      if (!isClusterScopedKind(kind) && !resource.properties.metadata?.namespace) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', index, 'properties', 'metadata', 'namespace'],
          message: 'is required for namespaced objects in a whole-cluster ("*") report',
        });
      }
    });
  })
  .meta({ id: 'OperatorReportRequest' });

/** The generated IaC of a scan (CONTRACT "IaC generation"). */
export const iacResultSchema = z
  .object({
    format: z.enum(IAC_FORMATS),
    scope: z.enum(IAC_SCOPES),
    content: z.string().meta({ description: 'The code: HCL, or `.tf.json` for format terraform-json.' }),
    resource_count: z.int().nonnegative(),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .meta({ id: 'IacResult' });

/** Response of `POST /api/v2/operator/report`. */
export const operatorReportResponseSchema = z
  .object({
    report_id: z.uuid().meta({ description: 'The id of the scan run this report created.' }),
    resource_count: z.int().nonnegative(),
    iac: iacResultSchema.optional(),
  })
  .meta({ id: 'OperatorReportResponse' });

export type ReportResource = z.infer<typeof resourceSchema>;
export type OperatorReportRequest = z.infer<typeof operatorReportRequestSchema>;
/** The request as a client writes it (defaults not yet applied). */
export type OperatorReportInput = z.input<typeof operatorReportRequestSchema>;
export type OperatorReportResponse = z.infer<typeof operatorReportResponseSchema>;
