/**
 * The schema of an answer that is one named list, `{ [field]: [item, …] }` (the field always
 * present), with one example of the whole answer for the OpenAPI document.
 */
export function listAnswerSchema<F extends string, const I extends object>(
  field: F,
  items: I,
  example: { readonly [K in F]: readonly unknown[] },
) {
  return {
    type: 'object',
    required: [field],
    additionalProperties: false,
    properties: { [field]: { type: 'array', items } } as {
      readonly [K in F]: { readonly type: 'array'; readonly items: I };
    },
    examples: [example],
  } as const;
}
