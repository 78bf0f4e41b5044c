import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProbityError } from './errors.js';
import { packageRoot } from './package-root.js';

/** Settings read from the environment once, validated, then frozen. */
export interface Config {
  /** `sqlite:PATH` or `postgres://…` */
  readonly db: string;
  readonly host: string;
  readonly port: number;
  /** Folder of the jurisdiction pack. */
  readonly pack: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** File of the audit log's private key (signed-note form), made by `probity audit keygen`. */
  readonly auditKey: string;
  /** Where people reach this deployment (links in answers, e.g. where to contest an entry); default http://HOST:PORT. */
  readonly publicUrl: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATA_DIR = 'probity-data';

type Settings = Partial<Record<keyof Config, string | number | undefined>>;

/**
 * Reads PROBITY_* settings and fails with the list of every bad setting, not just
 * the first. Precedence: command-line `overrides`, then the environment, then a
 * command's own `fallbacks`, then the built-in defaults.
 */
export function loadConfig(overrides: Settings = {}, fallbacks: Settings = {}, env = process.env): Config {
  const raw = {
    db: overrides.db ?? env['PROBITY_DB'] ?? fallbacks.db ?? `sqlite:${join(DEFAULT_DATA_DIR, 'probity.db')}`,
    host: overrides.host ?? env['PROBITY_HOST'] ?? fallbacks.host ?? '127.0.0.1',
    port: overrides.port ?? env['PROBITY_PORT'] ?? fallbacks.port ?? '8080',
    pack: overrides.pack ?? env['PROBITY_PACK'] ?? fallbacks.pack ?? join(packageRoot(), 'config', 'demo-pack'),
    logLevel: overrides.logLevel ?? env['PROBITY_LOG_LEVEL'] ?? fallbacks.logLevel ?? 'info',
    auditKey: overrides.auditKey ?? env['PROBITY_AUDIT_KEY'] ?? fallbacks.auditKey ?? join(DEFAULT_DATA_DIR, 'audit-log.key'),
    publicUrl: overrides.publicUrl ?? env['PROBITY_PUBLIC_URL'] ?? fallbacks.publicUrl,
  };
  const problems: string[] = [];
  const db = String(raw.db);
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(db)) problems.push(`PROBITY_DB / --db must be sqlite:PATH or postgres://…, got "${db}"`);
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PROBITY_PORT / --port must be a port number, got "${raw.port}"`);
  const pack = resolve(String(raw.pack));
  if (!existsSync(pack)) problems.push(`PROBITY_PACK / --pack: no folder ${pack}`);
  const logLevel = String(raw.logLevel);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`PROBITY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const publicUrl = String(raw.publicUrl ?? `http://${raw.host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl)) problems.push(`PROBITY_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  if (problems.length > 0) throw new ProbityError('invalid_config', problems.join('; '), { problems });
  return Object.freeze({
    db, host: String(raw.host), port, pack, logLevel: logLevel as Config['logLevel'], auditKey: resolve(String(raw.auditKey)), publicUrl,
  });
}
