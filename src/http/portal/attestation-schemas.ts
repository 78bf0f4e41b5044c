import { DISCLOSURES } from '../../domain/attestations/attestation-claims.js';
import { listAnswerSchema } from '../routes/list-answer-schema.js';
import { localisedSchema } from '../routes/localised-schema.js';

/** JSON Schemas of the attestations API (issued report, verdict, published keys), with examples from the demo pack. */

const ATTESTATION_ID = '01JQ8E5G7J9L1N3Q5S7U9W1Y3A';
// A `rating` report about 张三: the band and its date, nothing else.
const CLAIMS_EXAMPLE = {
  iss: 'https://probity.example.cn',
  sub: 'CN-RIC:11010519491231002X',
  jti: ATTESTATION_ID,
  iat: 1774170000,
  exp: 1776762000,
  disclosure: 'rating',
  rating: { band: 'bad', label: { en: 'Bad', zh: '较差' }, asOf: '2026-03-22' },
} as const;
const TOKEN_EXAMPLE =
  'eyJhbGciOiJFZERTQSIsInR5cCI6InByb2JpdHktYXR0ZXN0YXRpb24rand0Iiwia2l' +
  'kIjoiRHJNaF93eEFZXzJXNGtqcE5GYldPUWRCQnRpOS1HSnFMaWRaemRSUjFhUSJ9.' +
  'eyJpc3MiOiJodHRwczovL3Byb2JpdHkuZXhhbXBsZS5jbiIsInN1YiI6IkNOLVJJQzoxMTAxMDUxOTQ5MTIzMTAwMlgiLCJqdGkiOiIwMUp' +
  'ROEU1RzdKOUwxTjNRNVM3VTlXMVkzQSIsImlhdCI6MTc3NDE3MDAwMCwiZXhwIjoxNzc2NzYyMDAwLCJkaXNjbG9zdXJlIjoicmF0aW5nIi' +
  'wicmF0aW5nIjp7ImJhbmQiOiJiYWQiLCJsYWJlbCI6eyJlbiI6IkJhZCIsInpoIjoi6L6D5beuIn0sImFzT2YiOiIyMDI2LTAzLTIyIn19.' +
  '4VNI_fobJ5Z5hAJaAbjOmfwOzgi_YmVGJ622brq-LZlASry5jgr8CI78L19Ze3KXnpwGkZ0YRl5HpQ9GXia_DA';

export const disclosureBody = {
  type: 'object',
  required: ['disclosure'],
  properties: { disclosure: { type: 'string', enum: [...DISCLOSURES] } },
  additionalProperties: false,
  examples: [{ disclosure: 'rating' }],
} as const;

export const verifyBody = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', maxLength: 1_000_000 } },
  additionalProperties: false,
  examples: [{ token: TOKEN_EXAMPLE }],
} as const;

/** POST /v1/me/attestations: the report, and the link its QR code carries. */
export const issuedAttestationSchema = {
  type: 'object',
  required: ['id', 'disclosure', 'token', 'issuedAt', 'expiresAt', 'verifyUrl'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    disclosure: { enum: [...DISCLOSURES] },
    token: { type: 'string', description: 'compact JWS (EdDSA)' },
    issuedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    verifyUrl: { type: 'string', format: 'uri' },
  },
  examples: [
    {
      id: ATTESTATION_ID,
      disclosure: 'rating',
      token: TOKEN_EXAMPLE,
      issuedAt: '2026-03-22T09:00:00.000Z',
      expiresAt: '2026-04-21T09:00:00.000Z',
      verifyUrl: `https://probity.example.cn/verify/${ATTESTATION_ID}`,
    },
  ],
} as const;

/** A string property for each name (typed as the object it builds, for the answer's type). */
const stringProperties = <const N extends string>(names: readonly N[]) =>
  Object.fromEntries(names.map((name) => [name, { type: 'string' }])) as {
    readonly [K in N]: { readonly type: 'string' };
  };

/** POST /v1/attestations:verify: valid with the claims (AttestationClaims), or not valid with the reason. */
export const verdictSchema = {
  type: 'object',
  required: ['valid'],
  additionalProperties: false,
  properties: {
    valid: { type: 'boolean' },
    reason: { type: 'string', description: 'why it is not valid' },
    claims: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...stringProperties(['iss', 'sub', 'jti']),
        iat: { type: 'integer' },
        exp: { type: 'integer' },
        disclosure: { enum: [...DISCLOSURES] },
        rating: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            band: { type: 'string' },
            label: localisedSchema,
            asOf: { type: 'string', format: 'date' },
            score: { type: 'number' },
            rulebookId: { type: 'string' },
          },
        },
        records: {
          type: 'array',
          description: '`full` disclosure only',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: stringProperties(['id', 'type', 'institution', 'effectiveAt', 'status']),
          },
        },
        listEntries: {
          type: 'array',
          description: '`full` disclosure only',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: stringProperties(['list', 'status', 'since', 'until']),
          },
        },
      },
    },
  },
  examples: [{ valid: true, claims: CLAIMS_EXAMPLE }],
} as const;

/** GET /v1/attestations/keys: a JWK set (RFC 7517) of Ed25519 public keys. */
export const jwksSchema = listAnswerSchema(
  'keys',
  {
    type: 'object',
    additionalProperties: false,
    properties: stringProperties(['kty', 'crv', 'x', 'kid', 'alg', 'use']),
  },
  {
    keys: [
      {
        crv: 'Ed25519',
        x: 'ku6FGPLipr3Mtk-JLkqW4YX9TSHKVAAISfiSRXSkDhA',
        kty: 'OKP',
        kid: 'DiHRMlNczixNpLm-L5wrSCA8VwscNT2BiLYVVWujtyE',
        alg: 'EdDSA',
        use: 'sig',
      },
    ],
  },
);
