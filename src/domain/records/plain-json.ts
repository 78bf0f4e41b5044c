import { pointerToken } from '../json-schema.js';
import type { ItemError } from './item-error.js';
import { FREE_TEXT, IDENTIFYING_TEXT, plainText } from './plain-text.js';

export interface PlainJson {
  /** A copy of the value with every string in NFC: what is hashed and stored. */
  readonly value: unknown;
  /** Every value JSON cannot carry or text the plain-text rule refuses, each with its pointer. */
  readonly errors: readonly ItemError[];
}

/**
 * Checks and normalises a parsed JSON value (a payload): a number that overflowed to
 * ±Infinity when parsed (`1e309`) is refused, since it has no JSON form and would otherwise
 * fail the hashing of the whole batch; strings follow the plain-text rule for free text and
 * keys the one for identifying text. Iterative, so a deeply nested value cannot exhaust the stack.
 */
export function plainJson(value: unknown, pointer: string): PlainJson {
  const errors: ItemError[] = [];
  const root: { value?: unknown } = {};
  const work: { readonly value: unknown; readonly pointer: string; readonly put: (v: unknown) => void }[] = [
    { value, pointer, put: (v) => (root.value = v) },
  ];
  for (let task = work.pop(); task !== undefined; task = work.pop()) {
    const { value: item, pointer: at, put } = task;
    if (typeof item === 'number') {
      if (!Number.isFinite(item))
        errors.push({
          code: 'invalid_payload',
          path: at,
          message: 'must be a finite number (it overflows a 64-bit float)',
        });
      put(item);
    } else if (typeof item === 'string') {
      const text = plainText(item, FREE_TEXT);
      if (!text.ok) errors.push({ code: 'invalid_field', path: at, message: text.message });
      put(text.ok ? text.text : item);
    } else if (Array.isArray(item)) {
      const copy: unknown[] = new Array(item.length);
      put(copy);
      item.forEach((element, index) =>
        work.push({ value: element, pointer: `${at}/${index}`, put: (v) => (copy[index] = v) }),
      );
    } else if (item !== null && typeof item === 'object') {
      const copy: Record<string, unknown> = {};
      put(copy);
      for (const [key, field] of Object.entries(item)) {
        const keyPointer = `${at}/${pointerToken(key)}`;
        const name = plainText(key, { ...IDENTIFYING_TEXT, trim: false });
        if (!name.ok) errors.push({ code: 'invalid_field', path: keyPointer, message: `field name ${name.message}` });
        // Defined now so the copy keeps the key order; defined, not assigned, so that a key
        // "__proto__" stays a plain field of the copy.
        const define = (v: unknown) =>
          Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
        define(undefined);
        work.push({ value: field, pointer: keyPointer, put: define });
      }
    } else {
      put(item);
    }
  }
  // Reported in document order, as a reader scans the value.
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { value: root.value, errors };
}
