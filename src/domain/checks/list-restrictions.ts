import type { Pack, Restriction } from '../catalog/pack.js';

/** For each list, the restrictions its entries carry, indexed by the action they forbid. */
export class ListRestrictions {
  private readonly byListAndAction = new Map<string, Map<string, Restriction[]>>();

  constructor(pack: Pack) {
    const restrictions = new Map(pack.restrictions.map((r) => [r.code, r]));
    for (const list of pack.lists) {
      const byAction = new Map<string, Restriction[]>();
      for (const code of list.restrictions) {
        const restriction = restrictions.get(code);
        if (!restriction) continue; // pack check reports unknown restrictions
        for (const action of restriction.actions) byAction.set(action, [...(byAction.get(action) ?? []), restriction]);
      }
      this.byListAndAction.set(list.code, byAction);
    }
  }

  /** The restrictions an entry on the list carries that forbid the action. */
  forbidding(listCode: string, action: string): readonly Restriction[] {
    return this.byListAndAction.get(listCode)?.get(action) ?? [];
  }
}
