import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { checkPackPolicy } from '../domain/catalog/check-pack-policy.js';
import { checkPackReferences } from '../domain/catalog/check-pack-references.js';
import type { Pack, Rulebook } from '../domain/catalog/pack.js';
import type { PackIssue, PackSection } from '../domain/catalog/pack-issue.js';
import {
  actionsSchema,
  institutionsSchema,
  listsSchema,
  manifestSchema,
  recordTypesSchema,
  relyingPartiesSchema,
  restrictionsSchema,
  rulebookSchema,
} from '../domain/catalog/pack-schema.js';
import { checkRulebooks } from '../domain/rulebooks/check-rulebooks.js';
import { createAjv, payloadValidator, pointerPath, schemaViolations } from '../domain/json-schema.js';
import { YamlSource } from './yaml-source.js';

/** One problem in a pack file, reported as `file:line: message` (the path as the caller named the pack folder). */
export interface PackProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export type PackCheck =
  { readonly ok: true; readonly pack: Pack } | { readonly ok: false; readonly problems: readonly PackProblem[] };

/** Where the items of each section come from: one file, or every file of a folder. */
const LAYOUT: readonly { section: PackSection; path: string; folder?: true; itemPerFile?: true; schema: object }[] = [
  { section: 'manifest', path: 'pack.yaml', schema: manifestSchema },
  { section: 'institutions', path: 'institutions.yaml', schema: institutionsSchema },
  { section: 'recordTypes', path: 'record-types', folder: true, schema: recordTypesSchema },
  { section: 'actions', path: 'actions.yaml', schema: actionsSchema },
  { section: 'restrictions', path: 'restrictions.yaml', schema: restrictionsSchema },
  { section: 'lists', path: 'lists.yaml', schema: listsSchema },
  { section: 'relyingParties', path: 'relying-parties.yaml', schema: relyingPartiesSchema },
  { section: 'rulebooks', path: 'rulebooks', folder: true, itemPerFile: true, schema: rulebookSchema },
];

interface ItemOrigin {
  readonly source: YamlSource;
  /** Path of the item inside its file: `[]` for the manifest, `[i]` for a sequence item. */
  readonly prefix: readonly (string | number)[];
}

/**
 * Reads and validates a jurisdiction pack folder: YAML syntax, the schema of each
 * file, cross-references and the policy of design.md. Problems name file and line.
 */
export function checkPack(dir: string): PackCheck {
  const problems: PackProblem[] = [];
  const ajv = createAjv();
  const sections = new Map<PackSection, unknown[]>();
  const origins = new Map<PackSection, ItemOrigin[]>();

  for (const entry of LAYOUT) {
    const files = entry.folder ? yamlFilesIn(join(dir, entry.path)) : [join(dir, entry.path)];
    if (files.length === 0 || !files.every((file) => existsSync(file))) {
      problems.push({ file: join(dir, entry.path), line: 1, message: 'is missing' });
      continue;
    }
    const validate = ajv.compile(entry.schema);
    const items: unknown[] = [];
    const itemOrigins: ItemOrigin[] = [];
    for (const file of files) {
      const source = new YamlSource(file, readFileSync(file, 'utf8'));
      problems.push(...source.errors.map((error) => ({ file: source.file, line: error.line, message: error.message })));
      if (source.errors.length > 0) continue;
      if (!validate(source.value)) {
        problems.push(...schemaProblems(source, validate));
        continue;
      }
      if (entry.section === 'manifest' || entry.itemPerFile) {
        items.push(source.value);
        itemOrigins.push({ source, prefix: [] });
      } else {
        (source.value as unknown[]).forEach((item, i) => {
          items.push(item);
          itemOrigins.push({ source, prefix: [i] });
        });
      }
    }
    sections.set(entry.section, items);
    origins.set(entry.section, itemOrigins);
  }
  if (problems.length > 0) return { ok: false, problems };

  const pack = assemble(sections);
  const issues: PackIssue[] = [
    ...payloadSchemaIssues(pack),
    ...checkPackReferences(pack),
    ...checkPackPolicy(pack),
    ...checkRulebooks(pack),
  ];
  if (issues.length === 0) return { ok: true, pack };
  return {
    ok: false,
    problems: issues.map((issue) => {
      const origin = origins.get(issue.section)?.[issue.index];
      if (!origin) return { file: dir, line: 1, message: issue.message };
      const line = origin.source.lineOf([...origin.prefix, ...issue.path]);
      return { file: origin.source.file, line, message: issue.message };
    }),
  };
}

export type RulebookFileCheck =
  | { readonly ok: true; readonly rulebook: Rulebook }
  | { readonly ok: false; readonly problems: readonly PackProblem[] };

/**
 * Reads and validates one rulebook file against a valid pack, as if it were in the pack's
 * rulebooks folder: what `probity rulebook diff` does with a draft before comparing.
 */
export function checkRulebookFile(file: string, pack: Pack): RulebookFileCheck {
  if (!existsSync(file)) return { ok: false, problems: [{ file, line: 1, message: 'is missing' }] };
  const source = new YamlSource(file, readFileSync(file, 'utf8'));
  if (source.errors.length > 0)
    return { ok: false, problems: source.errors.map((e) => ({ file, line: e.line, message: e.message })) };
  const validate = createAjv().compile(rulebookSchema);
  if (!validate(source.value)) return { ok: false, problems: schemaProblems(source, validate) };
  const rulebook = deepFreeze(source.value as Rulebook);
  const issues = checkRulebooks({ ...pack, rulebooks: [rulebook] });
  if (issues.length === 0) return { ok: true, rulebook };
  return {
    ok: false,
    problems: issues.map((issue) => ({ file, line: source.lineOf(issue.path), message: issue.message })),
  };
}

/** Formats problems the way compilers do, one `file:line: message` per line. */
export function formatPackProblems(problems: readonly PackProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

function yamlFilesIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(folder, name));
}

function schemaProblems(source: YamlSource, validate: ValidateFunction): PackProblem[] {
  return schemaViolations(validate.errors).map((violation) => {
    const path = pointerPath(violation.pointer);
    const field = path.filter((token) => !/^\d+$/.test(token)).at(-1);
    return {
      file: source.file,
      line: source.lineOf(path),
      message: field ? `${field} ${violation.message}` : violation.message,
    };
  });
}

/** Every payload schema must itself be a valid JSON Schema. */
function payloadSchemaIssues(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  pack.recordTypes.forEach((recordType, index) => {
    try {
      payloadValidator(recordType.payloadSchema);
    } catch (error) {
      issues.push({
        section: 'recordTypes',
        index,
        path: ['payloadSchema'],
        message: `payloadSchema is not a valid JSON Schema: ${(error as Error).message}`,
      });
    }
  });
  return issues;
}

function assemble(sections: Map<PackSection, unknown[]>): Pack {
  const get = <T>(section: PackSection): T[] => (sections.get(section) ?? []) as T[];
  return deepFreeze({
    manifest: get<Pack['manifest']>('manifest')[0] as Pack['manifest'],
    institutions: get('institutions'),
    recordTypes: get('recordTypes'),
    actions: get('actions'),
    restrictions: get('restrictions'),
    lists: get('lists'),
    relyingParties: get('relyingParties'),
    rulebooks: get('rulebooks'),
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
