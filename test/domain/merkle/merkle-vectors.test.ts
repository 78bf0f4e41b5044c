import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompactTree } from '../../../src/domain/merkle/compact-tree.js';
import { EMPTY_TREE_ROOT, hashLeaf } from '../../../src/domain/merkle/merkle-hash.js';
import { consistencyRanges, inclusionRanges } from '../../../src/domain/merkle/proof-ranges.js';
import { verifyConsistency, verifyInclusion } from '../../../src/domain/merkle/verify-proof.js';
import tree from '../../vectors/rfc6962/tree.json' with { type: 'json' };
import { onlyStoredLevels, proofFrom, storedNodes } from './merkle-fixture.js';

const VECTORS = join(import.meta.dirname, '../../vectors/rfc6962');
const hex = (h: string) => Buffer.from(h, 'hex');
const b64 = (s: string | null) => Buffer.from(s ?? '', 'base64');
const leaves = tree.leafInputs.map((input) => hashLeaf(hex(input)));

function vectorFiles(kind: 'inclusion' | 'consistency'): [string, Record<string, unknown>][] {
  const root = join(VECTORS, kind);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [relative(VECTORS, join(root, name)), JSON.parse(readFileSync(join(root, name), 'utf8'))]);
}

describe('RFC 6962 Merkle tree (transparency-dev/merkle vectors)', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(tree.rootHashes[0]);
  });

  it('gives the published root for every size from 0 to 8', () => {
    const compact = new CompactTree();
    expect(Buffer.from(compact.root()).toString('hex')).toBe(tree.rootHashes[0]);
    leaves.forEach((leaf, i) => {
      compact.append(leaf);
      expect(Buffer.from(compact.root()).toString('hex'), `size ${i + 1}`).toBe(tree.rootHashes[i + 1]);
    });
  });

  it('stores exactly the published perfect-subtree hashes', () => {
    const nodes = storedNodes(leaves);
    const published = tree.nodeHashes.flatMap((level, l) => level.map((h, i) => `${l}/${i}=${h}`));
    expect([...nodes.entries].sort()).toEqual(published.sort());
  });
});

describe('verifyInclusion', () => {
  it.each(vectorFiles('inclusion'))('%s', (_name, v) => {
    const check = verifyInclusion(
      v['leafIdx'] as number,
      v['treeSize'] as number,
      b64(v['leafHash'] as string),
      ((v['proof'] as string[] | null) ?? []).map(b64),
      b64(v['root'] as string),
    );
    expect(check.valid).toBe(!v['wantErr']);
  });
});

describe('verifyConsistency', () => {
  it.each(vectorFiles('consistency'))('%s', (_name, v) => {
    const check = verifyConsistency(
      v['size1'] as number,
      v['size2'] as number,
      ((v['proof'] as string[] | null) ?? []).map(b64),
      b64(v['root1'] as string),
      b64(v['root2'] as string),
    );
    expect(check.valid).toBe(!v['wantErr']);
  });
});

describe('inclusion and consistency proofs from stored subtrees', () => {
  const nodes = onlyStoredLevels(storedNodes(leaves).hashes);
  const happy = (kind: 'inclusion' | 'consistency') =>
    vectorFiles(kind).filter(([name, v]) => name.endsWith('happy-path.json') && !v['wantErr']);

  it.each(happy('inclusion'))('%s: the same proof as published', (_name, v) => {
    const proof = proofFrom(inclusionRanges(v['leafIdx'] as number, v['treeSize'] as number), nodes);
    expect(proof).toEqual((v['proof'] as string[] | null) ?? []);
  });

  it.each(happy('consistency'))('%s: the same proof as published', (_name, v) => {
    const proof = proofFrom(consistencyRanges(v['size1'] as number, v['size2'] as number), nodes);
    expect(proof).toEqual((v['proof'] as string[] | null) ?? []);
  });
});
