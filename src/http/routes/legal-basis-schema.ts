import { localisedSchema } from './localised-schema.js';

/** JSON Schema of a legal basis (LegalBasis): the citation, and where to read it when the pack gives a URL. */
export const legalBasisSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    citation: { type: 'string' },
    localCitation: {
      ...localisedSchema,
      description:
        'the citation in each language, in its official form (《…》第…条 in Chinese), when the pack gives it',
    },
    url: { type: 'string' },
  },
} as const;
