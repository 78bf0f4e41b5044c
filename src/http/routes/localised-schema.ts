/** JSON Schema of a text in English and Simplified Chinese (LocalisedText), as answers carry titles and reasons. */
export const localisedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
} as const;
