import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule.default;

/** A JSON Schema 2020-12 validator with the standard formats (date, date-time, uri …). */
export function createAjv(options: { readonly addUsedSchema?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

/** Validators by the payload schema object they were compiled from. */
const payloadValidators = new WeakMap<object, ValidateFunction>();

/**
 * The validator of a record type's payload schema, compiled once per schema object: checking
 * a pack compiles each schema (to prove it valid), and the catalog built from the same pack
 * then gets the same validators instead of compiling them all again at every start.
 */
export function payloadValidator(schema: object): ValidateFunction {
  let validate = payloadValidators.get(schema);
  if (!validate) {
    payloadAjv ??= createAjv({ addUsedSchema: false });
    validate = payloadAjv.compile(schema);
    // The instance would keep every schema it compiled; the WeakMap keeps them only while used.
    payloadAjv.removeSchema(schema);
    payloadValidators.set(schema, validate);
  }
  return validate;
}
// One instance for every pack's payload schemas; `addUsedSchema: false` keeps it from
// registering their `$id`s, which two packs (or two record types) may share.
let payloadAjv: Ajv2020 | undefined;

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
