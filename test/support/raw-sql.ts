import Database from 'better-sqlite3';
import pg from 'pg';

/** Direct SQL on a store's database, behind Probity's back: for tests that tamper with it. */
export interface RawDb {
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function openRawDb(url: string): Promise<RawDb> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    return {
      async query(sql, params = []) {
        const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
        return statement.reader
          ? (statement.all(...params) as Record<string, unknown>[])
          : (statement.run(...params), []);
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query(sql, params = []) {
      return (await client.query(sql, [...params])).rows;
    },
    async close() {
      await client.end();
    },
  };
}
