import { parse } from '@bufbuild/cel';
import type { Pack, Rulebook } from '../catalog/pack.js';
import type { PackIssue, PackPath } from '../catalog/pack-issue.js';
import { refusedUsesIn } from '../catalog/refused-uses.js';

/** The variables a rule's CEL sees: the record's type, payload, age in days and status. */
export const RULE_VARIABLES = ['type', 'payload', 'ageDays', 'status'] as const;

/**
 * Checks the rulebooks of a pack beyond their schema: CEL that does not compile (with
 * the compiler's message), unknown variables, record types that do not exist or do not
 * apply to the rulebook's subjects, payload fields their schema lacks, bands out of
 * order or outside the range, duplicate rule ids, ceilings on lists or bands that do not
 * exist, and words the policy refuses.
 */
export function checkRulebooks(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  pack.rulebooks.forEach((rulebook, index) => {
    const issue = (path: PackPath, message: string) => issues.push({ section: 'rulebooks', index, path, message });
    checkBands(rulebook, issue);
    checkCeilings(pack, rulebook, issue);
    const seen = new Set<string>();
    rulebook.rules.forEach((rule, r) => {
      const at = (...path: (string | number)[]): PackPath => ['rules', r, ...path];
      if (seen.has(rule.id)) issue(at('id'), `rule ${rule.id}: the id is used twice`);
      seen.add(rule.id);
      const schemas: Record<string, unknown>[] = [];
      rule.recordTypes.forEach((code, t) => {
        const recordType = pack.recordTypes.find((candidate) => candidate.code === code);
        if (!recordType) return issue(at('recordTypes', t), `rule ${rule.id}: unknown record type "${code}"`);
        if (!recordType.subjectKinds.includes(rulebook.subjectKind)) {
          issue(
            at('recordTypes', t),
            `rule ${rule.id}: record type ${code} does not apply to ${rulebook.subjectKind} subjects`,
          );
        }
        schemas.push((recordType.payloadSchema['properties'] ?? {}) as Record<string, unknown>);
      });
      const expressions: [keyof typeof rule, string | undefined][] = [
        ['when', rule.when],
        ['points', typeof rule.points === 'string' ? rule.points : undefined],
      ];
      for (const [key, source] of expressions) {
        if (source === undefined) continue;
        const references = celReferences(source);
        if ('error' in references) {
          issue(at(key), `rule ${rule.id}: ${key} does not compile: ${references.error}`);
          continue;
        }
        for (const name of references.variables) {
          if (!(RULE_VARIABLES as readonly string[]).includes(name)) {
            issue(
              at(key),
              `rule ${rule.id}: ${key} uses unknown variable "${name}" (a rule sees ${RULE_VARIABLES.join(', ')})`,
            );
          }
        }
        for (const field of references.payloadFields) {
          const missing = rule.recordTypes.filter((_, t) => schemas[t] && !(field in schemas[t]!));
          if (missing.length > 0)
            issue(at(key), `rule ${rule.id}: payload field "${field}" is not in the schema of ${missing.join(', ')}`);
          for (const { use, term } of refusedUsesIn(field)) {
            issue(
              at(key),
              `rule ${rule.id}: refused by policy (${use.principle}): "${term}" in payload field "${field}"`,
            );
          }
        }
      }
      for (const [path, text] of [
        [at('id'), rule.id],
        [at('reason', 'code'), rule.reason.code],
      ] as const) {
        for (const { use, term } of refusedUsesIn(text))
          issue(path, `rule ${rule.id}: refused by policy (${use.principle}): "${term}" in "${text}"`);
      }
    });
  });
  return issues;
}

function checkBands(rulebook: Rulebook, issue: (path: PackPath, message: string) => void): void {
  const { range, bands, baseScore } = rulebook;
  if (range.min >= range.max) issue(['range'], `range min ${range.min} must be below max ${range.max}`);
  if (baseScore < range.min || baseScore > range.max)
    issue(['baseScore'], `base score ${baseScore} is outside the range ${range.min}-${range.max}`);
  bands.forEach((band, b) => {
    const above = bands[b - 1];
    if (above && band.min >= above.min) {
      issue(
        ['bands', b, 'min'],
        `band ${band.code} (from ${band.min}) overlaps band ${above.code} (from ${above.min}): ` +
          `list bands highest first`,
      );
    }
    if (band.min < range.min || band.min > range.max)
      issue(['bands', b, 'min'], `band ${band.code} starts outside the range`);
  });
  const lowest = bands.at(-1);
  if (lowest && lowest.min !== range.min) {
    issue(
      ['bands', bands.length - 1, 'min'],
      `the lowest band must start at the range minimum ${range.min}, so every score has a band`,
    );
  }
}

/** A ceiling names a list that can hold the rulebook's subjects and a band of this rulebook, once per list. */
function checkCeilings(pack: Pack, rulebook: Rulebook, issue: (path: PackPath, message: string) => void): void {
  const seen = new Set<string>();
  (rulebook.ceilings ?? []).forEach((ceiling, c) => {
    const list = pack.lists.find((candidate) => candidate.code === ceiling.list);
    if (!list) issue(['ceilings', c, 'list'], `ceiling: unknown list "${ceiling.list}"`);
    else if (!list.subjectKinds.includes(rulebook.subjectKind))
      issue(['ceilings', c, 'list'], `ceiling: list ${ceiling.list} does not hold ${rulebook.subjectKind} subjects`);
    if (seen.has(ceiling.list)) issue(['ceilings', c, 'list'], `ceiling: list ${ceiling.list} has two ceilings`);
    seen.add(ceiling.list);
    if (!rulebook.bands.some((band) => band.code === ceiling.band))
      issue(['ceilings', c, 'band'], `ceiling: unknown band "${ceiling.band}"`);
    for (const { use, term } of refusedUsesIn(ceiling.reason.code))
      issue(['ceilings', c, 'reason', 'code'], `ceiling: refused by policy (${use.principle}): "${term}"`);
  });
}

type Expr = { exprKind: { case: string | undefined; value?: unknown } };
type References = { variables: Set<string>; payloadFields: Set<string> };

/** The free variables and `payload.<field>` selections an expression uses, or the parser's message. */
function celReferences(source: string): References | { error: string } {
  let root: unknown;
  try {
    root = parse(source).expr;
  } catch (error) {
    return { error: (error as Error).message };
  }
  const found: References = { variables: new Set(), payloadFields: new Set() };
  collectReferences(root, new Set(), found);
  return found;
}

/** Walks the parsed AST; comprehension variables (`x` in `list.all(x, …)`) are bound, not free. */
function collectReferences(node: unknown, bound: ReadonlySet<string>, found: References): void {
  if (Array.isArray(node)) return node.forEach((child) => collectReferences(child, bound, found));
  if (node === null || typeof node !== 'object') return;
  const kind = (node as Partial<Expr>).exprKind;
  if (kind?.case === 'identExpr') {
    const { name } = kind.value as { name: string };
    if (!bound.has(name)) found.variables.add(name);
  } else if (kind?.case === 'selectExpr') {
    const { operand, field } = kind.value as { operand?: Expr; field: string };
    if (operand?.exprKind.case === 'identExpr' && (operand.exprKind.value as { name: string }).name === 'payload') {
      found.payloadFields.add(field);
    }
  } else if (kind?.case === 'comprehensionExpr') {
    const { iterVar, accuVar } = kind.value as { iterVar: string; accuVar: string };
    return collectReferences(Object.values(kind.value as object), new Set([...bound, iterVar, accuVar]), found);
  }
  for (const child of Object.values(node)) collectReferences(child, bound, found);
}
