import type { ErrorCode } from '../../errors.js';

/** Why one item of a batch was rejected: a stable code and a JSON pointer to the field. */
export interface ItemError {
  readonly code: ErrorCode;
  readonly path: string;
  readonly message: string;
}
