import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One SQL statement found in a source file: its text, with `${…}` it cannot resolve as `{{expression}}`. */
export interface SqlStatement {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const DML = /^\s*(?:WITH|SELECT|INSERT|UPDATE|DELETE|COPY)\b/i;
/** A statement completed from a parameter (`${head} WHERE …`): the rest of it is still a statement to look at. */
const COMPLETED = /^\s*\{\{[^}]+\}\}\s+(?:WHERE|JOIN|ORDER|LIMIT)\b/i;

/**
 * The SQL statements a TypeScript file holds, read from its syntax tree: every string
 * literal, template literal and `+` chain of them whose text starts with a DML keyword (or with
 * an unresolved `${…}` and then WHERE, JOIN, ORDER or LIMIT),
 * with `${NAME}` replaced by the text of a string `const NAME` of the same file when there
 * is one; and each call `copyRows(client, 'table', [columns], …)` as `COPY table (columns)`,
 * since the COPY text itself is built from its arguments.
 */
export function sqlStatements(path: string, file = path): SqlStatement[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      isStringy(node.initializer)
    ) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const text = (node: ts.Expression, seen: ReadonlySet<string> = new Set()): string => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return text(node.expression, seen);
    if (ts.isTemplateExpression(node)) {
      return (
        node.head.text + node.templateSpans.map((span) => text(span.expression, seen) + span.literal.text).join('')
      );
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
      return text(node.left, seen) + text(node.right, seen);
    if (ts.isIdentifier(node) && constants.has(node.text) && !seen.has(node.text))
      return text(constants.get(node.text)!, new Set([...seen, node.text]));
    return `{{${node.getText(source)}}}`;
  };

  const statements: SqlStatement[] = [];
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (
      ts.isExpression(node) &&
      isStringy(node) &&
      !(node.parent && ts.isBinaryExpression(node.parent) && isStringy(node.parent))
    ) {
      const sql = text(node);
      if (DML.test(sql) || COMPLETED.test(sql)) statements.push({ file, line: line(node), text: normalise(sql) });
      // A whole chain is one statement: its parts are not looked at again (templates' inner expressions are).
      if (!ts.isTemplateExpression(node)) return;
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'copyRows') {
      const [, table, columns] = node.arguments;
      const names =
        columns && ts.isArrayLiteralExpression(columns)
          ? columns.elements.map((e) => text(e)).join(', ')
          : text(columns!);
      statements.push({ file, line: line(node), text: `COPY ${text(table!)} (${names}) FROM STDIN` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return statements;
}

/** A string literal, a template or a `+` chain with one of them in it. */
function isStringy(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return true;
  if (ts.isParenthesizedExpression(node)) return isStringy(node.expression);
  return (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    (isStringy(node.left) || isStringy(node.right))
  );
}

const normalise = (sql: string): string => sql.replace(/\s+/g, ' ').trim();
