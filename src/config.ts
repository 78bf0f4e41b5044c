import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /**
   * File of the Ed25519 key that signs subjects' attestations (`probity attestation keygen`);
   * without it none are issued.
   */
  readonly attestationKeyFile: string;
  /**
   * Where people reach this deployment (links in answers, e.g. where to contest an entry);
   * default http://HOST:PORT.
   */
  readonly publicUrl: string;
  /** Portal sign-in through OpenID Connect; absent when no issuer is configured (the portal then says so). */
  readonly oidc: OidcConfig | undefined;
  /**
   * Signs short-lived cookies (the sign-in attempt, the CSRF secret). Every node behind one
   * load balancer needs the same; when unset each process makes its own.
   */
  readonly cookieSecret: string | undefined;
  /** Where e-mail goes out, e.g. smtp://user:pass@mail.example:587; without it e-mail waits in the outbox. */
  readonly smtpUrl: string | undefined;
  /**
   * The API key a command sends to a server (`probity audit verify --url`); from the environment
   * or a file, never an argument.
   */
  readonly apiKey: string | undefined;
  readonly mailFrom: string;
  /**
   * Whose X-Forwarded-For to believe for the client's address (rate limits, the failed-sign-in
   * throttle): false (the socket's peer is the client), a hop count, or the load balancers'
   * addresses and CIDR ranges.
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** Failed authentications per client address and minute before it is turned away for the rest of the minute. */
  readonly authFailuresPerMinute: number;
  /**
   * Longest NDJSON/CSV line, in bytes, on the bulk APIs and `probity ingest`; a longer line is
   * rejected (line_too_long).
   */
  readonly maxLineBytes: number;
  /** How long a check may wait for the store (its subject, its log entry) before it answers 503. */
  readonly checkBudgetMs: number;
  /** Longest wait for one database statement (PostgreSQL), after which the request answers 503. */
  readonly dbStatementTimeoutMs: number;
  /**
   * A PostgreSQL replica for reads that may lag (public pages, lookups, the feed); absent:
   * everything reads the primary.
   */
  readonly dbRead: string | undefined;
  /** The most those reads may lag behind the primary. */
  readonly dbReadMaxLagMs: number;
  /**
   * Redis for the counts every node shares (rate limits, failed authentications); without it
   * each process counts alone.
   */
  readonly redisUrl: string | undefined;
}

/** The identity provider the portal signs people in with (the jurisdiction's eID service in production). */
export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Which claim carries which identifier scheme, in the order a session acts as them (e.g. national_id → CN-RIC). */
  readonly identifierClaims: readonly { readonly claim: string; readonly scheme: string }[];
  /** The claim listing staff roles (reviewer, auditor, admin). */
  readonly rolesClaim: string;
  /** The claim naming the institution a staff member works for (a pack code). */
  readonly institutionClaim: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATA_DIR = 'probity-data';

type Settings = Partial<Record<Exclude<keyof Config, 'oidc' | 'trustProxy'>, string | number | undefined>> & {
  readonly oidcIssuer?: string;
  readonly oidcClientId?: string;
  readonly oidcClientSecret?: string;
};

const DEFAULT_IDENTIFIER_CLAIMS = 'national_id=CN-RIC,uscc=CN-USCC';

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
    auditKey:
      overrides.auditKey ?? env['PROBITY_AUDIT_KEY'] ?? fallbacks.auditKey ?? join(DEFAULT_DATA_DIR, 'audit-log.key'),
    publicUrl: overrides.publicUrl ?? env['PROBITY_PUBLIC_URL'] ?? fallbacks.publicUrl,
    attestationKeyFile:
      overrides.attestationKeyFile ??
      env['PROBITY_ATTESTATION_KEY'] ??
      fallbacks.attestationKeyFile ??
      join(DEFAULT_DATA_DIR, 'attestation.key'),
    oidcIssuer: overrides.oidcIssuer ?? env['PROBITY_OIDC_ISSUER'] ?? fallbacks.oidcIssuer,
    oidcClientId: overrides.oidcClientId ?? env['PROBITY_OIDC_CLIENT_ID'] ?? fallbacks.oidcClientId,
    oidcClientSecret: overrides.oidcClientSecret ?? env['PROBITY_OIDC_CLIENT_SECRET'] ?? fallbacks.oidcClientSecret,
    identifierClaims: env['PROBITY_OIDC_IDENTIFIER_CLAIMS'] ?? DEFAULT_IDENTIFIER_CLAIMS,
    rolesClaim: env['PROBITY_OIDC_ROLES_CLAIM'] ?? 'roles',
    institutionClaim: env['PROBITY_OIDC_INSTITUTION_CLAIM'] ?? 'institution',
    cookieSecret: overrides.cookieSecret ?? env['PROBITY_COOKIE_SECRET'] ?? fallbacks.cookieSecret,
    smtpUrl: overrides.smtpUrl ?? env['PROBITY_SMTP_URL'] ?? fallbacks.smtpUrl,
    apiKey: overrides.apiKey ?? env['PROBITY_API_KEY'] ?? fallbacks.apiKey,
    mailFrom:
      overrides.mailFrom ?? env['PROBITY_MAIL_FROM'] ?? fallbacks.mailFrom ?? 'Probity <no-reply@probity.localhost>',
    trustProxy: env['PROBITY_TRUST_PROXY'] ?? 'false',
    authFailuresPerMinute:
      overrides.authFailuresPerMinute ??
      env['PROBITY_AUTH_FAILURES_PER_MINUTE'] ??
      fallbacks.authFailuresPerMinute ??
      '20',
    maxLineBytes:
      overrides.maxLineBytes ?? env['PROBITY_MAX_LINE_BYTES'] ?? fallbacks.maxLineBytes ?? String(1024 * 1024),
    checkBudgetMs: overrides.checkBudgetMs ?? env['PROBITY_CHECK_BUDGET_MS'] ?? fallbacks.checkBudgetMs ?? '2000',
    dbStatementTimeoutMs:
      overrides.dbStatementTimeoutMs ??
      env['PROBITY_DB_STATEMENT_TIMEOUT_MS'] ??
      fallbacks.dbStatementTimeoutMs ??
      '30000',
    redisUrl: overrides.redisUrl ?? env['PROBITY_REDIS_URL'] ?? fallbacks.redisUrl,
    dbRead: overrides.dbRead ?? env['PROBITY_DB_READ'] ?? fallbacks.dbRead,
    dbReadMaxLagMs: overrides.dbReadMaxLagMs ?? env['PROBITY_DB_READ_MAX_LAG_MS'] ?? fallbacks.dbReadMaxLagMs ?? '5000',
  };
  const problems: string[] = [];
  const db = String(raw.db);
  // A command line is visible to every user of the machine (`ps`); the environment and files are not.
  if (overrides.db !== undefined && passwordIn(String(overrides.db)))
    problems.push(
      '--db must not carry a password (ps shows it to every user): give it in PROBITY_DB, PGPASSWORD or ~/.pgpass',
    );
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(db))
    problems.push(`PROBITY_DB / --db must be sqlite:PATH or postgres://…, got "${withoutPassword(db)}"`);
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PROBITY_PORT / --port must be a port number, got "${raw.port}"`);
  const pack = resolve(String(raw.pack));
  if (!existsSync(pack)) problems.push(`PROBITY_PACK / --pack: no folder ${pack}`);
  const logLevel = String(raw.logLevel);
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`PROBITY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const publicUrl = String(raw.publicUrl ?? `http://${raw.host}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl))
    problems.push(`PROBITY_PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  const oidc = oidcConfig(raw, problems);
  const cookieSecret = raw.cookieSecret === undefined ? undefined : String(raw.cookieSecret);
  if (cookieSecret !== undefined && cookieSecret.length < 32)
    problems.push('PROBITY_COOKIE_SECRET must be at least 32 characters');
  const smtpUrl = raw.smtpUrl === undefined ? undefined : String(raw.smtpUrl);
  if (smtpUrl !== undefined && !/^smtps?:\/\/\S+$/.test(smtpUrl))
    problems.push(`PROBITY_SMTP_URL must be smtp:// or smtps://, got "${smtpUrl}"`);
  const trustProxy = trustProxySetting(raw.trustProxy, problems);
  const authFailuresPerMinute = wholeNumber(raw.authFailuresPerMinute, 'PROBITY_AUTH_FAILURES_PER_MINUTE', 1, problems);
  const maxLineBytes = wholeNumber(raw.maxLineBytes, 'PROBITY_MAX_LINE_BYTES', 1024, problems);
  const checkBudgetMs = wholeNumber(raw.checkBudgetMs, 'PROBITY_CHECK_BUDGET_MS', 50, problems);
  const dbStatementTimeoutMs = wholeNumber(
    raw.dbStatementTimeoutMs,
    'PROBITY_DB_STATEMENT_TIMEOUT_MS',
    1_000,
    problems,
  );
  const dbRead = raw.dbRead === undefined ? undefined : String(raw.dbRead);
  if (dbRead !== undefined && (!/^postgres(ql)?:\/\//.test(dbRead) || !/^postgres(ql)?:\/\//.test(db))) {
    problems.push('PROBITY_DB_READ must be a postgres:// URL, with PROBITY_DB on PostgreSQL too');
  }
  const dbReadMaxLagMs = wholeNumber(raw.dbReadMaxLagMs, 'PROBITY_DB_READ_MAX_LAG_MS', 0, problems);
  const redisUrl = raw.redisUrl === undefined ? undefined : String(raw.redisUrl);
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl))
    problems.push(`PROBITY_REDIS_URL must be redis:// or rediss://, got "${redisUrl}"`);
  if (problems.length > 0) throw new ProbityError('invalid_config', problems.join('; '), { problems });
  return Object.freeze({
    redisUrl,
    dbRead,
    dbReadMaxLagMs,
    trustProxy,
    authFailuresPerMinute,
    maxLineBytes,
    checkBudgetMs,
    dbStatementTimeoutMs,
    smtpUrl,
    mailFrom: String(raw.mailFrom),
    apiKey: raw.apiKey === undefined ? undefined : String(raw.apiKey),
    db,
    host: String(raw.host),
    port,
    pack,
    logLevel: logLevel as Config['logLevel'],
    auditKey: resolve(String(raw.auditKey)),
    publicUrl,
    attestationKeyFile: resolve(String(raw.attestationKeyFile)),
    oidc,
    cookieSecret,
  });
}

/** Whether a store URL carries a password (postgres://user:secret@host/…). */
function passwordIn(url: string): boolean {
  return URL.canParse(url) && new URL(url).password !== '';
}

/** The URL with its password masked, for messages. */
function withoutPassword(url: string): string {
  if (!passwordIn(url)) return url;
  const parsed = new URL(url);
  parsed.password = '***';
  return parsed.href;
}

/** A setting that is a whole number of at least `least` (milliseconds, say); a bad one joins the problems. */
function wholeNumber(raw: string | number, name: string, least: number, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least)
    problems.push(`${name} must be a whole number of at least ${least}, got "${raw}"`);
  return value;
}

/** `false`, `true`, a hop count, or comma-separated proxy addresses and CIDR ranges (Fastify's trustProxy forms). */
function trustProxySetting(text: string, problems: string[]): Config['trustProxy'] {
  const value = text.trim();
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map((part) => part.trim());
  const bad = addresses.filter((address) => {
    const [ip = '', bits] = address.split('/');
    return isIP(ip) === 0 || (bits !== undefined && !/^\d{1,3}$/.test(bits));
  });
  if (bad.length > 0)
    problems.push(
      `PROBITY_TRUST_PROXY must be false, true, a hop count or proxy addresses/CIDR ranges, got "${bad.join(', ')}"`,
    );
  return Object.freeze(addresses);
}

function oidcConfig(
  raw: {
    oidcIssuer?: string | undefined;
    oidcClientId?: string | undefined;
    oidcClientSecret?: string | undefined;
    identifierClaims: string;
    rolesClaim: string;
    institutionClaim: string;
  },
  problems: string[],
): OidcConfig | undefined {
  if (raw.oidcIssuer === undefined) return undefined;
  if (!/^https?:\/\/\S+$/.test(raw.oidcIssuer))
    problems.push(`PROBITY_OIDC_ISSUER must be an http(s) URL, got "${raw.oidcIssuer}"`);
  if (!raw.oidcClientId) problems.push('PROBITY_OIDC_CLIENT_ID is required with PROBITY_OIDC_ISSUER');
  if (!raw.oidcClientSecret) problems.push('PROBITY_OIDC_CLIENT_SECRET is required with PROBITY_OIDC_ISSUER');
  const identifierClaims = raw.identifierClaims.split(',').map((pair) => {
    const [claim, scheme] = pair.split('=').map((part) => part.trim());
    if (!claim || !scheme)
      problems.push(`PROBITY_OIDC_IDENTIFIER_CLAIMS must be claim=SCHEME pairs separated by commas, got "${pair}"`);
    return { claim: claim ?? '', scheme: scheme ?? '' };
  });
  return Object.freeze({
    issuer: raw.oidcIssuer,
    clientId: raw.oidcClientId ?? '',
    clientSecret: raw.oidcClientSecret ?? '',
    identifierClaims,
    rolesClaim: raw.rolesClaim,
    institutionClaim: raw.institutionClaim,
  });
}
