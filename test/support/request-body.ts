/** A request body of the kinds the API takes. */
export type RequestBody =
  | { readonly json: unknown }
  | { readonly form: Readonly<Record<string, string>> }
  | { readonly ndjson: string }
  | { readonly multipart: Readonly<Record<string, string | Blob>> };

/** The bytes and content type of a body; a form gets the CSRF token when one is given. */
export async function encodeBody(
  body: RequestBody,
  csrfToken?: string,
): Promise<{ contentType: string; bytes: Buffer }> {
  if ('json' in body) return { contentType: 'application/json', bytes: Buffer.from(JSON.stringify(body.json)) };
  if ('ndjson' in body) return { contentType: 'application/x-ndjson', bytes: Buffer.from(body.ndjson) };
  if ('form' in body) {
    const fields = new URLSearchParams({ ...body.form, ...(csrfToken === undefined ? {} : { _csrf: csrfToken }) });
    return { contentType: 'application/x-www-form-urlencoded', bytes: Buffer.from(fields.toString()) };
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(body.multipart)) form.set(name, value);
  // A Response serialises a FormData as a browser would, boundary and all.
  const serialised = new Response(form);
  return { contentType: serialised.headers.get('content-type')!, bytes: Buffer.from(await serialised.arrayBuffer()) };
}

/** The same fields form-encoded, as a page on another site could post them, without a token. */
export function asForeignForm(body: RequestBody): RequestBody {
  const fields: Record<string, string> = {};
  const source = 'json' in body ? body.json : 'form' in body ? body.form : 'multipart' in body ? {} : {};
  if (source && typeof source === 'object' && !Array.isArray(source)) {
    for (const [name, value] of Object.entries(source))
      fields[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { form: fields };
}
