/**
 * `npm run bench:search [-- --names 1000000 --runs 7]`
 *
 * The public lookup's name search on SQLite with N organization names from the generator
 * (inserted straight into `subjects`; the migration's trigger fills the substring index), through
 * `Store.publicSubjects`: a needle in the middle of names (few and many matches), a common one
 * (有限公司, in almost every name), and two characters. Baseline in the same run: the prefix range
 * scan the lookup used before (names starting with 上海), on the same table.
 * Target (issue 17): stays fast at millions of organizations.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { companyName, governmentBodyName } from '../src/gen/chinese-names.js';
import { Random } from '../src/gen/random.js';
import { openStore } from '../src/store/open-store.js';
import { median } from './bench-support.js';

const { values } = parseArgs({
  options: { names: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '7' } },
});
const NAMES = Number(values.names);
const RUNS = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'probity-bench-search-'));
const file = join(dir, 'names.db');

await (await openStore(`sqlite:${file}`)).close(); // the schema, migrations included
const db = new Database(file);
const random = new Random(42);
const insert = db.prepare(
  "INSERT INTO subjects (id, kind, created_at, public_name) VALUES (?, ?, '2026-01-01T00:00:00.000Z', ?)",
);
let started = Date.now();
db.transaction(() => {
  for (let i = 0; i < NAMES; i++) {
    const government = random.chance(0.05);
    insert.run(
      `S${String(i).padStart(9, '0')}`,
      government ? 'government' : 'organization',
      government ? governmentBodyName(random) : companyName(random),
    );
  }
})();
process.stdout.write(`${NAMES} names loaded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
const prefix = db.prepare(
  'SELECT id, kind, public_name FROM subjects WHERE public_name >= ? AND public_name < ? ORDER BY public_name LIMIT 20',
);
const timed = async (run: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
};
const baseline = await timed(() => prefix.all('上海', '上海\u{10FFFF}'));
db.close();

const store = await openStore(`sqlite:${file}`);
const rows: string[] = [];
for (const [needle, what] of [
  ['华瑞信息', 'four characters, few names'],
  ['城市管理', 'four characters, many names'],
  ['有限公司', 'in almost every name'],
  ['航瑞', 'two characters'],
  ['物流', 'two characters, many names'],
] as const) {
  const found = await store.publicSubjects({ nameContains: needle }, 20);
  rows.push(
    `| ${needle} (${what}) | ${(await timed(() => store.publicSubjects({ nameContains: needle }, 20))).toFixed(2)} | ${found.length} |`,
  );
}
await store.close();
process.stdout.write(
  `\nname search, first page of 20, ${NAMES} names, SQLite, median of ${RUNS}, node ${process.version}\n` +
    `| needle | median ms | shown |\n|---|---|---|\n${rows.join('\n')}\n` +
    `| baseline: prefix range scan (上海…), the search before | ${baseline.toFixed(2)} | 20 |\n`,
);
rmSync(dir, { recursive: true, force: true });
