import { html } from 'hono/html';
import type { LocalisedText, PayloadSchema } from '../../domain/catalog/pack.js';
import type { Fragment } from './page-layout.js';
import type { Words } from './portal-messages.js';

/** One field of a record's payload as a person reads it: a title and a value in words. */
export interface PayloadField {
  readonly name: string;
  readonly title: string;
  readonly value: string;
}

type PropertySchema = { readonly title?: LocalisedText | string };

/**
 * A payload's fields in the order its schema lists them (then any the schema does not name),
 * each titled by the property's `title` in the page's language, or else its name in words.
 */
export function payloadFields(
  words: Words,
  schema: PayloadSchema | undefined,
  payload: Readonly<Record<string, unknown>>,
): PayloadField[] {
  const properties = (schema?.['properties'] ?? {}) as Readonly<Record<string, PropertySchema>>;
  const names = [...Object.keys(properties).filter((name) => name in payload), ...Object.keys(payload)];
  return [...new Set(names)]
    .filter((name) => payload[name] !== null && payload[name] !== undefined && payload[name] !== '')
    .map((name) => ({
      name,
      title: titleOf(words, name, properties[name]),
      value: valueInWords(words, payload[name]),
    }));
}

/** A payload as a description list (title: value), or nothing when it has no fields. */
export function payloadList(
  words: Words,
  schema: PayloadSchema | undefined,
  payload: Readonly<Record<string, unknown>>,
): Fragment | string {
  const fields = payloadFields(words, schema, payload);
  if (fields.length === 0) return '';
  return html`<dl class="payload">${fields.map((f) => html`<dt>${f.title}</dt><dd>${f.value}</dd>`)}</dl>`;
}

function titleOf(words: Words, name: string, property: PropertySchema | undefined): string {
  const title = property?.title;
  if (typeof title === 'string' && title !== '') return title;
  if (title && typeof title === 'object') {
    const local = words.local(title);
    if (local) return local;
  }
  return nameInWords(name);
}

/** `caseNumber` or `case_number` as "Case number": the last resort when the pack gives no title. */
export function nameInWords(name: string): string {
  const spaced = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function valueInWords(words: Words, value: unknown): string {
  if (typeof value === 'number') return new Intl.NumberFormat(words.language).format(value);
  if (typeof value === 'boolean') return words.t(value ? 'valueYes' : 'valueNo');
  if (Array.isArray(value)) return value.map((item) => valueInWords(words, item)).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  // An enumerated value (`able_but_refuses`): the pack gives no words for it yet, so its words as
  // written, never the code itself.
  if (typeof value === 'string' && ENUM_CODE.test(value)) return nameInWords(value);
  return String(value);
}

const ENUM_CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
