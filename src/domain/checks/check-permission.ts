import type { RelyingParty } from '../catalog/pack.js';

/** Why a relying party may not ask a question (principle 5: purpose-bound), or undefined when it may. */
export type CheckRefusal =
  | { readonly code: 'action_not_permitted'; readonly message: string }
  | { readonly code: 'purpose_not_permitted'; readonly message: string };

export function checkRefusal(party: RelyingParty, action: string, purpose: string): CheckRefusal | undefined {
  if (!party.actions.includes(action)) {
    return {
      code: 'action_not_permitted',
      message: `relying party ${party.code} is not registered to check action "${action}"`,
    };
  }
  if (!party.purposes.includes(purpose)) {
    return {
      code: 'purpose_not_permitted',
      message: `relying party ${party.code} is not registered for purpose "${purpose}"`,
    };
  }
  return undefined;
}
