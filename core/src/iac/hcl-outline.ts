/** The top-level declarations of an HCL file that the custom-prompt check compares. */
export interface HclOutline {
  /** `type.name` of every `resource` block, in file order. */
  resources: string[];
  /** Every `import` block: its `to` traversal and its `id` (the string's value when it is a literal). */
  imports: Array<{ to: string; id: string }>;
}

/** Why a text is not well-formed HCL, with the 1-based line where the reading stopped. */
export class HclSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'HclSyntaxError';
    this.line = line;
  }
}

type Token =
  | { kind: 'ident'; text: string; line: number }
  | { kind: 'string'; text: string; value: string | undefined; line: number }
  | { kind: 'heredoc'; text: string; line: number }
  | { kind: 'punct'; text: string; line: number }
  | { kind: 'newline'; text: '\n'; line: number };

const CLOSING: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

/**
 * HCL native syntax split into tokens, enough to check structure: identifiers, quoted templates (with
 * nested `${…}`/`%{…}` and their strings), heredocs, comments dropped, newlines kept (they end attributes).
 */
class Lexer {
  readonly #text: string;
  #pos = 0;
  #line = 1;
  readonly tokens: Token[] = [];

  constructor(text: string) {
    this.#text = text;
  }

  run(): Token[] {
    const text = this.#text;
    while (this.#pos < text.length) {
      const char = text[this.#pos] as string;
      const next = text[this.#pos + 1];
      if (char === '\n') {
        this.tokens.push({ kind: 'newline', text: '\n', line: this.#line });
        this.#line++;
        this.#pos++;
      } else if (char === ' ' || char === '\t' || char === '\r') {
        this.#pos++;
      } else if (char === '#' || (char === '/' && next === '/')) {
        while (this.#pos < text.length && text[this.#pos] !== '\n') this.#pos++;
      } else if (char === '/' && next === '*') {
        const end = text.indexOf('*/', this.#pos + 2);
        if (end === -1) throw new HclSyntaxError('unterminated comment', this.#line);
        this.#advanceTo(end + 2);
      } else if (char === '"') {
        this.tokens.push(this.#string());
      } else if (
        char === '<' &&
        next === '<' &&
        /^<<-?[A-Za-z_][A-Za-z0-9_-]*\r?\n/.test(text.slice(this.#pos))
      ) {
        this.tokens.push(this.#heredoc());
      } else if (IDENT_START.test(char)) {
        const start = this.#pos;
        while (this.#pos < text.length && IDENT_PART.test(text[this.#pos] as string)) this.#pos++;
        this.tokens.push({ kind: 'ident', text: text.slice(start, this.#pos), line: this.#line });
      } else {
        this.tokens.push({ kind: 'punct', text: char, line: this.#line });
        this.#pos++;
      }
    }
    return this.tokens;
  }

  #advanceTo(end: number): void {
    for (let i = this.#pos; i < end; i++) if (this.#text[i] === '\n') this.#line++;
    this.#pos = end;
  }

  /** A quoted template; `value` is its text when it holds no interpolation. */
  #string(): Token {
    const line = this.#line;
    const start = this.#pos;
    const end = this.#templateEnd(this.#pos + 1);
    this.#advanceTo(end);
    const text = this.#text.slice(start, end);
    let value: string | undefined;
    if (!/(^|[^$])\$\{|(^|[^%])%\{/.test(text)) {
      try {
        value = JSON.parse(text.replaceAll('$${', () => '${').replaceAll('%%{', '%{')) as string;
      } catch {
        value = undefined;
      }
    }
    return { kind: 'string', text, value, line };
  }

  /** The index after the closing `"` of a template that starts at `from` (just after the opening one). */
  #templateEnd(from: number): number {
    const text = this.#text;
    let i = from;
    while (i < text.length) {
      const char = text[i];
      if (char === '\\') i += 2;
      else if (char === '"') return i + 1;
      else if (char === '\n') throw new HclSyntaxError('newline in a quoted string', this.#line);
      else if ((char === '$' || char === '%') && text[i + 1] === char && text[i + 2] === '{') i += 3;
      else if ((char === '$' || char === '%') && text[i + 1] === '{') i = this.#interpolationEnd(i + 2);
      else i++;
    }
    throw new HclSyntaxError('unterminated string', this.#line);
  }

  /** The index after the `}` closing an interpolation whose body starts at `from`. */
  #interpolationEnd(from: number): number {
    const text = this.#text;
    let depth = 1;
    let i = from;
    while (i < text.length) {
      const char = text[i];
      if (char === '"') i = this.#templateEnd(i + 1);
      else if (char === '{') {
        depth++;
        i++;
      } else if (char === '}') {
        depth--;
        i++;
        if (depth === 0) return i;
      } else i++;
    }
    throw new HclSyntaxError('unterminated interpolation', this.#line);
  }

  #heredoc(): Token {
    const line = this.#line;
    const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.#text.slice(this.#pos))!;
    const marker = header[2] as string;
    const start = this.#pos;
    let i = this.#pos + header[0].length;
    while (i <= this.#text.length) {
      const lineEnd = this.#text.indexOf('\n', i);
      const end = lineEnd === -1 ? this.#text.length : lineEnd;
      if (this.#text.slice(i, end).trim() === marker) {
        this.#advanceTo(end);
        return { kind: 'heredoc', text: this.#text.slice(start, end), line };
      }
      if (lineEnd === -1) break;
      i = lineEnd + 1;
    }
    throw new HclSyntaxError(`heredoc ${marker} is not closed`, line);
  }
}

/** Reads bodies: `name = expression` up to a newline outside brackets, or `type labels… { body }`. */
class Reader {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  get #line(): number {
    return this.#tokens[Math.min(this.#pos, this.#tokens.length - 1)]?.line ?? 1;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #skipNewlines(): void {
    while (this.#peek()?.kind === 'newline') this.#pos++;
  }

  /** A body up to `}` (nested) or the end of the file (top level); calls `onBlock` for top-level blocks. */
  body(
    nested: boolean,
    onItem?: (type: string, labels: string[], attributes: Map<string, Token[]>) => void,
  ): Map<string, Token[]> {
    const attributes = new Map<string, Token[]>();
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token === undefined) {
        if (nested) throw new HclSyntaxError('a block is not closed', this.#line);
        return attributes;
      }
      if (token.kind === 'punct' && token.text === '}') {
        if (!nested) throw new HclSyntaxError('unexpected "}"', token.line);
        this.#pos++;
        return attributes;
      }
      if (token.kind !== 'ident')
        throw new HclSyntaxError(`expected an attribute or block name, found ${token.text}`, token.line);
      this.#pos++;
      const after = this.#peek();
      if (after?.kind === 'punct' && after.text === '=' && this.#tokens[this.#pos + 1]?.text !== '=') {
        this.#pos++;
        if (attributes.has(token.text))
          throw new HclSyntaxError(`attribute ${token.text} is set twice`, token.line);
        attributes.set(token.text, this.#expression());
        continue;
      }
      const labels: string[] = [];
      for (
        let label = this.#peek();
        label && (label.kind === 'string' || label.kind === 'ident');
        label = this.#peek()
      ) {
        if (label.kind === 'string' && label.value === undefined)
          throw new HclSyntaxError('a block label must be a literal string', label.line);
        labels.push(label.kind === 'string' ? (label.value as string) : label.text);
        this.#pos++;
      }
      const open = this.#peek();
      if (open?.kind !== 'punct' || open.text !== '{')
        throw new HclSyntaxError(`expected "{" after block ${token.text}`, open?.line ?? token.line);
      this.#pos++;
      const inner = this.body(true);
      onItem?.(token.text, labels, inner);
    }
  }

  /** Tokens of one expression: up to a newline (or the body's `}`) outside brackets, which must balance. */
  #expression(): Token[] {
    const stack: string[] = [];
    const tokens: Token[] = [];
    for (let token = this.#peek(); token !== undefined; token = this.#peek()) {
      if (stack.length === 0 && (token.kind === 'newline' || (token.kind === 'punct' && token.text === '}')))
        break;
      this.#pos++;
      if (token.kind === 'newline') continue;
      tokens.push(token);
      if (token.kind !== 'punct') continue;
      if (CLOSING[token.text]) stack.push(CLOSING[token.text] as string);
      else if (token.text === '}' || token.text === ']' || token.text === ')') {
        if (stack.pop() !== token.text) throw new HclSyntaxError(`unbalanced "${token.text}"`, token.line);
      }
    }
    if (stack.length > 0) throw new HclSyntaxError(`"${stack.at(-1)}" is missing`, this.#line);
    if (tokens.length === 0) throw new HclSyntaxError('an attribute has no value', this.#line);
    return tokens;
  }
}

function source(tokens: readonly Token[]): string {
  return tokens.map((token) => token.text).join('');
}

/**
 * A structural reading of HCL native syntax: comments, quoted templates with nested interpolations,
 * heredocs, balanced brackets, attributes ending at a newline, blocks with literal labels. It checks the
 * shape Terraform's parser needs and lists the `resource` and `import` blocks; it does not evaluate
 * expressions. Used where no full parser can run (a Worker checking a model's answer); the tests hold it
 * to tree-sitter-hcl's verdict.
 *
 * @throws HclSyntaxError when the text is not well-formed.
 * @example
 * hclOutline('resource "kubernetes_namespace_v1" "shop" {\n  metadata {\n    name = "shop"\n  }\n}\n')
 * // { resources: ['kubernetes_namespace_v1.shop'], imports: [] }
 */
export function hclOutline(text: string): HclOutline {
  const outline: HclOutline = { resources: [], imports: [] };
  new Reader(new Lexer(text).run()).body(false, (type, labels, attributes) => {
    if (type === 'resource') {
      if (labels.length !== 2) throw new HclSyntaxError('a resource block needs two labels', 1);
      outline.resources.push(`${labels[0]}.${labels[1]}`);
    } else if (type === 'import') {
      const to = attributes.get('to');
      const id = attributes.get('id');
      if (!to || !id) throw new HclSyntaxError('an import block needs "to" and "id"', 1);
      const literal = id.length === 1 && id[0]?.kind === 'string' ? id[0].value : undefined;
      outline.imports.push({ to: source(to), id: literal ?? source(id) });
    }
  });
  return outline;
}
