/** One string for an identifier (scheme NUL value), to key maps by: no scheme or value holds a NUL. */
export const identifierKey = (identifier: { readonly scheme: string; readonly value: string }): string =>
  `${identifier.scheme}\u0000${identifier.value}`;
