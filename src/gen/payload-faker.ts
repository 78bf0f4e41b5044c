import type { Random } from './random.js';

interface PropertySchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly examples?: readonly unknown[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
}

/** What a generated payload may depend on besides the schema. */
export interface FakeContext {
  readonly random: Random;
  /** When the fact took effect; generated dates fall around it. */
  readonly effectiveAt: Date;
  /** A short court/authority code used in case numbers, e.g. 沪0115. */
  readonly caseCourt: string;
}

const AMOUNT_FIELDS = /amount|sum|arrears|fine|penalty|debt|value|fee/i;
const CASE_FIELDS = /case|docket/i;
const REF_FIELDS = /(ref|reference|number|no|id)$/i;

/**
 * Fills a payload schema (the subset a pack uses: object, string with enum/format/
 * length, number, integer, boolean, nested object) with plausible values: every
 * required field, and optional ones half the time.
 */
export function fakePayload(schema: PropertySchema, context: FakeContext): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (!required.has(field) && !context.random.chance(0.5)) continue;
    payload[field] = fakeValue(field, property, context);
  }
  return payload;
}

function fakeValue(field: string, property: PropertySchema, context: FakeContext): unknown {
  const { random } = context;
  if (property.enum && property.enum.length > 0) return random.pick(property.enum);
  if (property.examples && property.examples.length > 0) return random.pick(property.examples);
  switch (property.type) {
    case 'object':
      return fakePayload(property, context);
    case 'boolean':
      return random.chance(0.5);
    case 'integer':
    case 'number':
      return fakeNumber(field, property, random);
    default:
      return fakeString(field, property, context);
  }
}

function fakeNumber(field: string, property: PropertySchema, random: Random): number {
  const min = property.minimum ?? 0;
  let max = property.maximum ?? (AMOUNT_FIELDS.test(field) ? 2_000_000 : 1000);
  if (max < min) max = min;
  if (AMOUNT_FIELDS.test(field) && property.maximum === undefined) {
    // Amounts are skewed: most are small, a few are very large.
    const magnitude = random.int(2, 6);
    return Math.max(min, Math.min(max, random.int(1, 9) * 10 ** magnitude + random.int(0, 99)));
  }
  return random.int(Math.ceil(min), Math.floor(max));
}

function fakeString(field: string, property: PropertySchema, context: FakeContext): string {
  const { random, effectiveAt } = context;
  if (property.format === 'date' || property.format === 'date-time') {
    const shifted = new Date(effectiveAt.getTime() - random.int(0, 400) * 86_400_000);
    return property.format === 'date' ? shifted.toISOString().slice(0, 10) : shifted.toISOString();
  }
  let text: string;
  if (CASE_FIELDS.test(field)) {
    const year = effectiveAt.getUTCFullYear();
    const caseType = random.pick(['执', '民初', '执恢', '行初']);
    text = `(${year})${context.caseCourt}${caseType}${random.int(1, 9999)}号`;
  } else if (REF_FIELDS.test(field)) {
    text = `${field
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()}-${effectiveAt.getUTCFullYear()}-${random.int(10000, 99999)}`;
  } else {
    text = `${field} ${random.int(1, 9999)}`;
  }
  const maxLength = property.maxLength ?? 200;
  const minLength = property.minLength ?? 0;
  return text.padEnd(minLength, '0').slice(0, maxLength);
}
