import { inject, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { createDatabase } from '../support/embedded-postgres.js';

/** Every user of a machine sees its command lines (`ps`): no secret may be taken from one. */
describe('secrets on the command line', () => {
  it.each(['serve', 'ingest records.ndjson', 'assess CN-RIC:11010519491231002X', 'keys list'])(
    'probity %s refuses a --db URL with a password, and does not repeat it',
    async (command) => {
      const result = await runCli([
        ...command.split(' '),
        '--db',
        'postgres://probity:s3cret-word@127.0.0.1:1/probity',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--db must not carry a password');
      expect(result.stderr).not.toContain('s3cret-word');
    },
  );

  it('takes the password from PGPASSWORD with the same URL without it', async () => {
    const url = await createDatabase(inject('postgresAdminUrl'));
    expect(new URL(url).password).toBe('');
    const result = await runCli(['keys', 'list', '--db', url], { PGPASSWORD: 'probity' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('takes a password in PROBITY_DB, which the environment keeps from other users', async () => {
    const url = new URL(await createDatabase(inject('postgresAdminUrl')));
    url.password = 'probity';
    const result = await runCli(['keys', 'list'], { PROBITY_DB: url.href, PGPASSWORD: 'wrong' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
