import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTRACT_DIR = import.meta.dirname;
/** The store port, whose members include those of every interface it extends. */
const PORT = { file: 'src/store/store.ts', name: 'Store' } as const;

interface PortMembers {
  readonly interfaces: string[];
  readonly methods: string[];
  readonly properties: string[];
}

/**
 * The method and property names an interface declares, read from its source's syntax tree,
 * with those of the interfaces it extends (declared in the same file or imported from one).
 */
function membersOf(
  path: string,
  name: string,
  members: PortMembers = { interfaces: [], methods: [], properties: [] },
): PortMembers {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  if (!declaration) throw new Error(`no interface ${name} in ${path}`);
  members.interfaces.push(name);
  for (const member of declaration.members) {
    if (!member.name || !ts.isIdentifier(member.name)) continue;
    if (ts.isMethodSignature(member)) members.methods.push(member.name.text);
    // A property holding a function is called like a method, so the suite must call it.
    else if (ts.isPropertySignature(member) && member.type && ts.isFunctionTypeNode(member.type))
      members.methods.push(member.name.text);
    else if (ts.isPropertySignature(member)) members.properties.push(member.name.text);
  }
  for (const heritage of declaration.heritageClauses ?? []) {
    for (const type of heritage.types) {
      const parent = type.expression.getText(source);
      if (!members.interfaces.includes(parent)) membersOf(declaredIn(source, path, parent), parent, members);
    }
  }
  return members;
}

/** The file that declares `name` as `source` sees it: `source` itself, or the module it imports `name` from. */
function declaredIn(source: ts.SourceFile, path: string, name: string): string {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name))
      return join(dirname(path), statement.moduleSpecifier.text.replace(/\.js$/, '.ts'));
  }
  return path;
}

/** The text of every contract test that runs on each kind of store (so not this file's, which only names members). */
function contractSuiteText(): string {
  return readdirSync(CONTRACT_DIR)
    .filter((file) => file.endsWith('.contract.test.ts'))
    .map((file) => readFileSync(join(CONTRACT_DIR, file), 'utf8'))
    .filter((text) => text.includes('describe.each(STORE_KINDS)'))
    .join('\n');
}

describe('The contract suite', () => {
  const { interfaces, methods, properties } = membersOf(join(ROOT, PORT.file), PORT.name);
  const suite = contractSuiteText();

  it('reads the whole port, not a part of it', () => {
    expect(interfaces).toEqual(expect.arrayContaining(['Store', 'CheckReplayStore']));
    expect(methods).toEqual(expect.arrayContaining(['ingest', 'close', 'claimCheckReplay', 'purgeSessions']));
    expect(methods.length).toBeGreaterThan(60);
    expect(properties).toEqual(expect.arrayContaining(['readsPerAppend', 'bulkTransaction']));
  });

  it('calls every method of the store port by name, on both stores', () => {
    const uncalled = methods.filter((name) => !new RegExp(`\\bstore\\.${name}\\(`).test(suite));
    expect(uncalled).toEqual([]);
  });

  it('reads every property of the store port', () => {
    const unread = properties.filter((name) => !new RegExp(`\\bstore\\.${name}\\b(?!\\s*\\()`).test(suite));
    expect(unread).toEqual([]);
  });
});
