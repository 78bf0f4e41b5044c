import { describe, expect, it } from 'vitest';
import { machineCodesIn } from '../support/machine-codes.js';

describe('machineCodesIn: the code scan every page and e-mail goes through', () => {
  it('finds the codes people were shown (issue 17)', () => {
    expect(machineCodesIn('What: 01M90TBVQ8W6ZK3J5N7P9R2T4X because court.dishonest_debtor_listing')).toEqual([
      'a ULID: 01M90TBVQ8W6ZK3J5N7P9R2T4X',
      'a dotted code: court.dishonest_debtor_listing',
    ]);
    expect(machineCodesIn('LISTING_ENDED (+31.86)')).toEqual(['a SCREAMING_CASE code: LISTING_ENDED']);
    expect(machineCodesIn('rail.ticket.g_train · ticket_sale · G1-0001 | action_not_permitted')).toEqual([
      'a dotted code: rail.ticket.g_train',
      'a snake_case code: ticket_sale',
      'a snake_case code: action_not_permitted',
    ]);
    expect(machineCodesIn('root 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.')).toHaveLength(1);
  });

  it('leaves words, sentences, addresses and case numbers alone', () => {
    const text =
      'China Eastern Airlines checked whether you may buy an air ticket: allowed. Write to disputes@jtw.sh.gov.example ' +
      'or see https://probity.example/verify/x. Case (2024)沪0115执1234号, tamper-evident log, 12.5 points, 2026-03-01. ' +
      '您对“轨道交通逃票”提出的异议已提交。';
    expect(machineCodesIn(text)).toEqual([]);
  });
});
