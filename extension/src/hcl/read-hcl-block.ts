import type { TreeCursor } from 'web-tree-sitter';
import type { HclAttribute, HclBlock, HclBodyItem, HclObjectElem, HclValue } from './hcl-block.ts';
import type { Span } from './span.ts';

// The one module that knows tree-sitter-hcl's node types (grammar.js of @tree-sitter-grammars/tree-sitter-hcl):
//   block       = identifier (string_lit | identifier)* block_start body? block_end
//   attribute   = identifier "=" expression
//   object_elem = key: expression "=" val: expression
// It walks with a TreeCursor: one pass, no Node objects, which keeps indexing a 20,000-line workspace cheap.

/** Wrappers around the node that carries a value. */
const wrappers = new Set(['expression', 'literal_value', 'collection_value']);

/**
 * Reads the `block` node under the cursor (and everything in it) into plain {@link HclBlock} data.
 * The cursor is back on the block when it returns.
 * @example const cursor = tree.walk(); … readHclBlock(cursor).labels // ['kubernetes_deployment_v1', 'api']
 */
export function readHclBlock(cursor: TreeCursor): HclBlock {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  let type: string | null = null;
  const labels: string[] = [];
  let body: HclBodyItem[] = [];
  let openBrace = end;
  if (cursor.gotoFirstChild()) {
    do {
      switch (cursor.nodeType) {
        case 'identifier':
          if (type === null) type = cursor.nodeText;
          else labels.push(cursor.nodeText);
          break;
        case 'string_lit':
          labels.push(readStringLit(cursor) ?? '');
          break;
        case 'block_start':
          openBrace = cursor.endPosition;
          break;
        case 'body':
          body = readBody(cursor);
          break;
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  // The head of a block is its first line up to `{`, so a squiggle never covers a 40-line block.
  const head: Span =
    start.row === end.row
      ? { startLine: start.row, startCol: start.column, endLine: end.row, endCol: end.column }
      : { startLine: start.row, startCol: start.column, endLine: start.row, endCol: openBrace.column };
  return { kind: 'block', type: type ?? '', labels, head, span: spanOf(start, end), body };
}

function readBody(cursor: TreeCursor): HclBodyItem[] {
  const items: HclBodyItem[] = [];
  if (!cursor.gotoFirstChild()) return items;
  do {
    if (cursor.nodeType === 'block') items.push(readHclBlock(cursor));
    else if (cursor.nodeType === 'attribute') items.push(readAttribute(cursor));
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return items;
}

function readAttribute(cursor: TreeCursor): HclAttribute {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  let name = '';
  let value: HclValue | null = null;
  let valueStart = end;
  cursor.gotoFirstChild();
  do {
    if (cursor.nodeType === 'identifier' && name === '') name = cursor.nodeText;
    else if (cursor.nodeType === 'expression') {
      valueStart = cursor.startPosition;
      value = readValue(cursor);
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return { kind: 'attribute', name, head: headOf(start, end, valueStart), value: value ?? other(start, end) };
}

/** Reads the value under the cursor, looking through wrappers; the cursor is back where it started. */
function readValue(cursor: TreeCursor): HclValue {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  let depth = 0;
  let value: HclValue | null = null;
  while (wrappers.has(cursor.nodeType)) {
    if (!cursor.gotoFirstChild()) break;
    depth += 1;
    // `a.b`, `x ? y : z`, a call: several children mean a computed value.
    if (cursor.gotoNextSibling()) {
      value = other(start, end);
      break;
    }
  }
  if (!value) {
    const span = spanOf(cursor.startPosition, cursor.endPosition);
    switch (cursor.nodeType) {
      case 'object':
        value = { kind: 'object', head: span, elems: readObjectElems(cursor) };
        break;
      case 'tuple':
        value = { kind: 'tuple', head: span, items: readTupleItems(cursor) };
        break;
      case 'string_lit':
        value = { kind: 'string', head: span, text: readStringLit(cursor) };
        break;
      default:
        value = { kind: 'other', head: span };
    }
  }
  for (; depth > 0; depth -= 1) cursor.gotoParent();
  return value;
}

function readObjectElems(cursor: TreeCursor): HclObjectElem[] {
  const elems: HclObjectElem[] = [];
  if (!cursor.gotoFirstChild()) return elems;
  do {
    if (cursor.nodeType === 'object_elem') elems.push(readObjectElem(cursor));
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return elems;
}

function readObjectElem(cursor: TreeCursor): HclObjectElem {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  let key: string | null = null;
  let value: HclValue | null = null;
  let valueStart = end;
  cursor.gotoFirstChild();
  do {
    const field = cursor.currentFieldName;
    if (field === 'key') key = readKey(cursor);
    else if (field === 'val') {
      valueStart = cursor.startPosition;
      value = readValue(cursor);
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return { key, head: headOf(start, end, valueStart), value: value ?? other(start, end) };
}

/** An object key as written: `name` or `"app.kubernetes.io/name"`; `null` when computed. */
function readKey(cursor: TreeCursor): string | null {
  const value = readValue(cursor);
  if (value.kind === 'string') return value.text;
  // A bare word key parses as a variable reference (`variable_expr` → identifier).
  const text = cursor.nodeText.trim();
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(text) ? text : null;
}

function readTupleItems(cursor: TreeCursor): HclValue[] {
  const items: HclValue[] = [];
  if (!cursor.gotoFirstChild()) return items;
  do {
    if (cursor.nodeType === 'expression') items.push(readValue(cursor));
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return items;
}

/** A string literal's text, or `null` when it interpolates (`"site-${each.key}"`: unknown before plan). */
function readStringLit(cursor: TreeCursor): string | null {
  let text = '';
  let literal = true;
  if (cursor.gotoFirstChild()) {
    do {
      if (cursor.nodeType === 'template_literal') text += cursor.nodeText;
      else if (cursor.nodeType === 'template_interpolation' || cursor.nodeType === 'template_directive') {
        literal = false;
      }
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return literal ? text : null;
}

interface Point {
  row: number;
  column: number;
}

function spanOf(start: Point, end: Point): Span {
  return { startLine: start.row, startCol: start.column, endLine: end.row, endCol: end.column };
}

/** The whole node when it fits on one line, else its first line up to the value (`manifest =`). */
function headOf(start: Point, end: Point, valueStart: Point): Span {
  if (start.row === end.row) return spanOf(start, end);
  const endCol = valueStart.row === start.row ? valueStart.column : start.column + 1;
  return { startLine: start.row, startCol: start.column, endLine: start.row, endCol };
}

function other(start: Point, end: Point): HclValue {
  return { kind: 'other', head: spanOf(start, end) };
}
