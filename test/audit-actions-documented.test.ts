import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../src/domain/audit/audit-entry.js';

describe('the audit actions', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'audit-log.md'), 'utf8');
  const actionRow = doc.split('\n').find((line) => line.startsWith('| `action` |')) ?? '';

  it.each(AUDIT_ACTIONS)('documents %s in the action row of docs/audit-log.md', (action) => {
    expect(actionRow).toContain(`\`${action}\``);
  });
});
