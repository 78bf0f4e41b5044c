/** JSON Schema of a legal basis (LegalBasis): the citation, and where to read it when the pack gives a URL. */
export const legalBasisSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { citation: { type: 'string' }, url: { type: 'string' } },
} as const;
