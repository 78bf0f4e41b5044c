import { pointerToken } from '../json-schema.js';

/**
 * Keys that reach an object's prototype when parsed JSON is merged or assigned carelessly
 * (prototype pollution). No record or request has a field by these names, so a body that
 * carries one anywhere is refused, naming where.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The JSON pointer of the first key of `value` (at any depth) that is one of PROTOTYPE_KEYS,
 * or undefined. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function prototypeKeyPointer(value: unknown): string | undefined {
  const work: { readonly value: unknown; readonly pointer: string }[] = [{ value, pointer: '' }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    // JSON.parse makes a "__proto__" key an own property, so Object.keys sees it.
    for (const key of Object.keys(item.value)) {
      const pointer = `${item.pointer}/${pointerToken(key)}`;
      if (PROTOTYPE_KEYS.has(key)) return pointer;
      work.push({ value: (item.value as Record<string, unknown>)[key], pointer });
    }
  }
  return undefined;
}
