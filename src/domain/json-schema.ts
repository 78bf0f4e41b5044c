import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule.default;

/** A JSON Schema 2020-12 validator with the standard formats (date, date-time, uri …). */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

/** One validation failure, located by a JSON pointer (RFC 6901) into the validated value. */
export interface SchemaViolation {
  readonly pointer: string;
  readonly message: string;
}

/** Escapes one JSON pointer reference token (RFC 6901 §3). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

interface AjvErrorLike {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** Turns ajv's errors into violations that point at the offending field itself. */
export function schemaViolations(errors: readonly AjvErrorLike[] | null | undefined): SchemaViolation[] {
  return (errors ?? []).map((error) => {
    const { instancePath, keyword, params } = error;
    if (keyword === 'required') {
      const field = String(params['missingProperty']);
      return { pointer: `${instancePath}/${pointerToken(field)}`, message: 'is required' };
    }
    if (keyword === 'additionalProperties') {
      const field = String(params['additionalProperty']);
      return { pointer: `${instancePath}/${pointerToken(field)}`, message: 'is not an allowed field' };
    }
    if (keyword === 'enum') {
      const allowed = (params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { pointer: instancePath, message: `must be one of ${allowed}` };
    }
    return { pointer: instancePath, message: error.message ?? keyword };
  });
}

/** Splits a JSON pointer into its unescaped reference tokens. */
export function pointerPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}
