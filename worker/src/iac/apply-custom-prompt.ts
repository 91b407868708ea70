import { HclSyntaxError, hclOutline, type IacResult, type IacWarning, isSecretHash } from '@driftwise/core';

/** Where the OpenAI-compatible chat-completions endpoint is (`IAC_LLM_URL`, `IAC_LLM_MODEL`, `IAC_LLM_API_KEY`). */
export interface LlmEndpoint {
  /** The full chat-completions URL, e.g. `https://api.openai.com/v1/chat/completions`. */
  url: string;
  model: string;
  apiKey: string;
}

/** Options of {@link applyCustomPrompt}. */
export interface ApplyCustomPromptOptions {
  /** Unset: the prompt is not applied and a warning says so. */
  endpoint?: LlmEndpoint | undefined;
  fetch?: typeof fetch;
  /** How long to wait for the answer (default 30 s). */
  timeoutMs?: number;
  /**
   * Longest code sent (characters, default 200,000 ≈ 50k tokens): a whole-cluster file of megabytes would
   * pass any model's context window, and its answer would come back cut.
   */
  maxCodeChars?: number;
}

const SYSTEM_PROMPT = [
  'You edit Terraform for the hashicorp/kubernetes provider. Apply the user instruction to the code.',
  'Keep every resource block with its type and name, and every import block with its to and id, unchanged.',
  'Never write Secret values: keep the var references. Answer with the complete code only, no prose.',
].join(' ');

// Every hashed Secret value in the generated code would start with this; the generator writes none, and
// this guard keeps it so whatever changes upstream.
const HASH_MARK = /hmac-sha256:/;

type Outline = { resources: string[]; imports: string[] };

/** The resources and `to → id` imports of the code, for either syntax; throws when it does not parse. */
function outlineOf(content: string, json: boolean): Outline {
  if (!json) {
    const outline = hclOutline(content);
    return { resources: outline.resources, imports: outline.imports.map((i) => `${i.to} ${i.id}`) };
  }
  const file = JSON.parse(content) as {
    resource?: Record<string, Record<string, unknown>>;
    import?: unknown;
  };
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    throw new SyntaxError('not a JSON object');
  const resources = Object.entries(file.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName ?? {}).map((name) => `${type}.${name}`),
  );
  const imports = (Array.isArray(file.import) ? file.import : []).map(
    (block: { to?: unknown; id?: unknown }) => `${String(block?.to)} ${String(block?.id)}`,
  );
  return { resources, imports };
}

/** The first difference between what was generated and what came back, or undefined when they agree. */
function difference(expected: Outline, actual: Outline): string | undefined {
  for (const [what, list, other] of [
    ['resource', expected.resources, actual.resources],
    ['import', expected.imports, actual.imports],
  ] as const) {
    const have = new Set(other);
    const dropped = list.find((item) => !have.has(item));
    // Addresses come from the answer: cut, so an error never echoes more than a few hundred characters.
    if (dropped) return `it drops the ${what} ${dropped.slice(0, 200)}`;
    const wanted = new Set(list);
    const added = other.find((item) => !wanted.has(item));
    if (added) return `it adds the ${what} ${added.slice(0, 200)}`;
  }
  return undefined;
}

/** The code in a chat answer: the first fenced block when there is one, else the whole answer. */
function codeOf(answer: string): string {
  const fenced = /```[A-Za-z0-9_-]*\r?\n([\s\S]*?)```/.exec(answer);
  const code = (fenced ? fenced[1] : answer) as string;
  return code.endsWith('\n') ? code : `${code}\n`;
}

function rejected(iac: IacResult, code: string, message: string): IacResult {
  const warning: IacWarning = { code, message: `The custom prompt was not applied: ${message}.` };
  return { ...iac, warnings: [...iac.warnings, warning] };
}

/**
 * The generated code after the report's `custom_prompt`, per the CONTRACT: sent with the code to an
 * OpenAI-compatible chat-completions endpoint, whose answer replaces the code only if it parses (HCL with
 * core's `hclOutline`, which runs in a Worker; JSON for `terraform-json`) and still declares exactly the
 * same resources and import blocks. Otherwise, and when no endpoint is configured, the generated code with
 * a warning saying why. The code sent holds no Secret value or hash (the generator writes variables).
 *
 * @example
 * await applyCustomPrompt(iac, 'add a team label', { endpoint: { url, model, apiKey } })
 */
export async function applyCustomPrompt(
  iac: IacResult,
  prompt: string,
  options: ApplyCustomPromptOptions = {},
): Promise<IacResult> {
  const { endpoint, fetch: send = fetch, timeoutMs = 30_000, maxCodeChars = 200_000 } = options;
  if (prompt.trim() === '') return iac;
  if (!endpoint) {
    return rejected(
      iac,
      'custom_prompt_not_applied',
      'no model endpoint is configured (IAC_LLM_URL, IAC_LLM_MODEL, IAC_LLM_API_KEY)',
    );
  }
  if (iac.content.length > maxCodeChars) {
    return rejected(
      iac,
      'custom_prompt_not_applied',
      `the code (${iac.content.length} characters) is longer than the ${maxCodeChars} sent to a model; narrow the report (a namespace, iac_scope "extra")`,
    );
  }
  if (HASH_MARK.test(iac.content) || isSecretHash(iac.content)) {
    return rejected(
      iac,
      'custom_prompt_not_applied',
      'the code holds a hashed Secret value, which is never sent',
    );
  }
  const json = iac.format === 'terraform-json';
  const expected = outlineOf(iac.content, json);
  let answer: string;
  try {
    const response = await send(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.apiKey}` },
      body: JSON.stringify({
        model: endpoint.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          {
            role: 'user',
            content: `Instruction:\n${prompt}\n\nCode (${json ? 'Terraform JSON syntax' : 'HCL'}):\n${iac.content}`,
          },
        ],
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return rejected(iac, 'custom_prompt_failed', `the model endpoint answered HTTP ${response.status}`);
    }
    const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.trim() === '') {
      return rejected(iac, 'custom_prompt_rejected', 'the model answer has no message content');
    }
    answer = codeOf(content);
  } catch (error) {
    const timeout =
      error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return timeout
      ? rejected(iac, 'custom_prompt_failed', `the model endpoint did not answer within ${timeoutMs} ms`)
      : rejected(iac, 'custom_prompt_failed', 'the model endpoint could not be reached or sent no JSON');
  }
  let actual: Outline;
  try {
    actual = outlineOf(answer, json);
  } catch (error) {
    const detail =
      error instanceof HclSyntaxError || error instanceof SyntaxError ? error.message : 'unreadable';
    return rejected(
      iac,
      'custom_prompt_rejected',
      `the answer does not parse as ${json ? 'JSON' : 'HCL'} (${detail})`,
    );
  }
  const why = difference(expected, actual);
  if (why) return rejected(iac, 'custom_prompt_rejected', why);
  return { ...iac, content: answer };
}
