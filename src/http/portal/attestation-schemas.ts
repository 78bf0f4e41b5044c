import { DISCLOSURES } from '../../domain/attestations/attestation-claims.js';
import { listAnswerSchema } from '../routes/list-answer-schema.js';
import { localisedSchema } from '../routes/localised-schema.js';

/** JSON Schemas of the attestations API (issued report, verdict, published keys), with examples from the demo pack. */

const ATTESTATION_ID = '01JQ8E5G7J9L1N3Q5S7U9W1Y3A';
// A `rating` report about 张三: his name, his masked number, the band and its date, nothing else.
const CLAIMS_EXAMPLE = {
  iss: 'https://probity.example.cn',
  sub: 'CN-RIC:1101**********002X',
  name: '张三',
  jti: ATTESTATION_ID,
  iat: 1774170000,
  exp: 1776762000,
  disclosure: 'rating',
  rating: { band: 'bad', label: { en: 'Bad', zh: '较差' }, asOf: '2026-03-22' },
} as const;
const TOKEN_EXAMPLE =
  'eyJhbGciOiJFZERTQSIsInR5cCI6InByb2JpdHktYXR0ZXN0YXRpb24rand0Iiwia2lkIjoiRHJNaF93eEFZXzJXNGtqcE5GYldP' +
  'UWRCQnRpOS1HSnFMaWRaemRSUjFhUSJ9.eyJpc3MiOiJodHRwczovL3Byb2JpdHkuZXhhbXBsZS5jbiIsInN1YiI6IkNOLVJJQzo' +
  'xMTAxKioqKioqKioqKjAwMlgiLCJuYW1lIjoi5byg5LiJIiwianRpIjoiMDFKUThFNUc3SjlMMU4zUTVTN1U5VzFZM0EiLCJpYXQ' +
  'iOjE3NzQxNzAwMDAsImV4cCI6MTc3Njc2MjAwMCwiZGlzY2xvc3VyZSI6InJhdGluZyIsInJhdGluZyI6eyJiYW5kIjoiYmFkIiw' +
  'ibGFiZWwiOnsiZW4iOiJCYWQiLCJ6aCI6Iui-g-W3riJ9LCJhc09mIjoiMjAyNi0wMy0yMiJ9fQ.hSdYv-mvl5_FmSrBZw6GtVZn' +
  'NIacQf95f9dinnvUBfa-olOtkgarKJ47UBmAdaLlvOgzaEsKZr7KQs07RyAuDg';

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
        ...stringProperties(['iss', 'jti']),
        sub: {
          type: 'string',
          description:
            "`SCHEME:VALUE`; a person's number masked as the published lists mask it (first and last four kept)",
        },
        name: { type: ['string', 'null'], description: "the person's name as the identity provider asserts it" },
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
          description: '`full` disclosure only: the records that still stand (not withdrawn, not expired)',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              ...stringProperties(['type', 'institution', 'effectiveAt', 'status']),
              title: localisedSchema,
              institutionName: localisedSchema,
              disputed: { type: 'boolean' },
            },
          },
        },
        listEntries: {
          type: 'array',
          description: '`full` disclosure only: the entries that still stand (not removed, not expired)',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { ...stringProperties(['list', 'status', 'since', 'until']), title: localisedSchema },
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
