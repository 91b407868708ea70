import { z } from 'zod';
import { IAC_FORMATS, IAC_SCOPES } from '../iac/iac-options.ts';
import { isClusterScopedKind } from '../k8s/kinds.ts';
import { labelKeyProblem, labelValueProblem } from '../k8s/label-key-problem.ts';
import { boundedArray } from './bounded-array.ts';
import { clipInput } from './clip-input.ts';
import { jsonValueIssues } from './json-value-issues.ts';
import { REPORT_LIMITS } from './limits.ts';

const name = z.string().min(1).max(REPORT_LIMITS.maxNameLength);

/** RFC 1123 label: what Kubernetes accepts as a namespace name. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A cluster id chosen by the operator's installer: letters, digits and `.`, `_`, `:`, `-`. */
const CLUSTER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
/** `k8s/<kind>` with the kind lowercase singular (CONTRACT "resource ID"). */
const NORMALIZED_TYPE = /^k8s\/[a-z][a-z0-9]*$/;

/** Issues one validation collects: the CONTRACT's 100, plus one that tells the caller to truncate. */
const MAX_ISSUES = REPORT_LIMITS.maxIssues + 1;

/**
 * A map of Kubernetes labels (`values: 'label'`) or annotations (`values: 'free'`): every key checked as
 * Kubernetes checks it (CONTRACT "Operator report"). The keys are checked on the raw input, before zod's
 * record sees it: zod skips a `__proto__` key silently, and it must be a 400 instead.
 */
function labelMap(values: 'label' | 'free') {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
      let found = 0;
      for (const [key, value] of Object.entries(input)) {
        if (found >= MAX_ISSUES) break;
        const keyProblem = labelKeyProblem(key);
        const valueProblem =
          typeof value === 'string' && values === 'label' ? labelValueProblem(value) : null;
        const problem = keyProblem === null ? valueProblem : `key ${keyProblem}`;
        if (problem === null) continue;
        ctx.addIssue({ code: 'custom', path: [clipInput(key)], message: problem, input: undefined });
        found++;
      }
      return input;
    },
    z.record(z.string(), z.string()),
  );
}

const metadataSchema = z.looseObject({
  name: z.string().max(REPORT_LIMITS.maxNameLength).optional(),
  namespace: z
    .string()
    .max(63)
    .regex(NAMESPACE, 'must be a Kubernetes namespace name (RFC 1123 label)')
    .optional(),
  uid: z.string().max(REPORT_LIMITS.maxNameLength).optional(),
  labels: labelMap('label').nullish(),
  annotations: labelMap('free').nullish(),
});

const propertiesSchema = z
  .looseObject({ metadata: metadataSchema.optional(), kind: z.string().optional() })
  .superRefine((value, ctx) => {
    // Depth and numbers the store cannot give back (CONTRACT "Limits"), walked iteratively.
    for (const issue of jsonValueIssues(value, { maxDepth: REPORT_LIMITS.maxDepth, maxIssues: 5 })) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path === '' ? [] : issue.path.split('.'),
        message: issue.message,
      });
    }
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
    tags: labelMap('label').optional(),
    properties: propertiesSchema,
  })
  .superRefine((resource, ctx) => {
    const kind = resource.normalized_type.slice('k8s/'.length);
    if (resource.provider_type !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['provider_type'],
        message: `must be the lowercase kind of normalized_type ("${clipInput(kind)}")`,
      });
    }
    const declaredKind = resource.properties.kind;
    if (declaredKind !== undefined && declaredKind.toLowerCase() !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'kind'],
        message: `"${clipInput(declaredKind)}" does not agree with normalized_type "${resource.normalized_type}"`,
      });
    }
    const metadataName = resource.properties.metadata?.name;
    if (metadataName !== undefined && metadataName !== resource.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['properties', 'metadata', 'name'],
        message: `"${clipInput(metadataName)}" does not agree with name "${clipInput(resource.name)}"`,
      });
    }
  })
  .meta({ id: 'Resource' });

/**
 * The report's `resources`, validated item by item and at most {@link MAX_ISSUES} issues deep: 100,000
 * `{}` resources would otherwise build 600,000 issues and overflow the stack inside zod (see `boundedArray`).
 */
const resourcesSchema = boundedArray(resourceSchema, {
  maxItems: REPORT_LIMITS.maxResources,
  maxIssues: MAX_ISSUES,
});

/**
 * A part of a batch (CONTRACT "Large reports"): a scope too large for one body is sent as `total` parts,
 * each an ordinary report plus this; the part that completes the batch makes the scan.
 */
const batchSchema = z
  .strictObject({
    id: z.uuid().meta({ description: 'Chosen by the client; the same for every part of the batch.' }),
    index: z.int().nonnegative().meta({ description: 'This part, from 0.' }),
    total: z.int().min(1).max(REPORT_LIMITS.maxBatchParts).meta({ description: 'Parts of the batch.' }),
  })
  .refine((batch) => batch.index < batch.total, { message: 'index must be less than total', path: ['index'] })
  .meta({ id: 'ReportBatch' });

/**
 * Body of `POST /api/v2/operator/report` (CONTRACT "Operator report"). Unknown top-level fields are a 400
 * (a typo such as `generate_iacs` must not be dropped silently); unknown fields inside `properties` are
 * kept, they are the object.
 */
export const operatorReportRequestSchema = z
  .strictObject({
    cluster_id: name.regex(CLUSTER_ID, 'may hold letters, digits, ".", "_", ":" and "-"'),
    namespace: z
      .string()
      .max(63)
      .refine((value) => value === '*' || NAMESPACE.test(value), {
        message: 'must be a namespace name or "*" for a whole-cluster report',
      }),
    resources: resourcesSchema,
    generate_iac: z.boolean().default(false),
    iac_format: z
      .enum(IAC_FORMATS, { error: `must be one of ${IAC_FORMATS.map((f) => `"${f}"`).join(', ')}` })
      .default('terraform'),
    iac_scope: z
      .enum(IAC_SCOPES, { error: `must be one of ${IAC_SCOPES.map((s) => `"${s}"`).join(', ')}` })
      .default('extra'),
    custom_prompt: z.string().max(REPORT_LIMITS.maxPromptLength).default(''),
    batch: batchSchema.optional(),
  })
  .superRefine((report, ctx) => {
    // A whole-cluster report has no namespace to fall back on: namespaced objects must carry their own.
    if (report.namespace !== '*') return;
    let found = 0;
    report.resources.forEach((resource, index) => {
      const kind = resource.normalized_type.slice('k8s/'.length);
      if (found < MAX_ISSUES && !isClusterScopedKind(kind) && !resource.properties.metadata?.namespace) {
        found++;
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
