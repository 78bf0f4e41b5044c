import { ricCheckCharacter } from '../domain/identifiers/cn-ric.js';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../domain/identifiers/cn-uscc.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import { companyName, governmentBodyName, personName } from './chinese-names.js';
import type { Random } from './random.js';

/** A synthetic subject: a valid identifier, a plausible name and its kind. */
export interface SyntheticSubject {
  readonly kind: SubjectKind;
  readonly scheme: string;
  readonly value: string;
  readonly name: string;
}

// Real county-level division codes (GB/T 2260) of Shanghai, Beijing, Guangdong, Zhejiang, Jiangsu and others.
const REGIONS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
  '110101',
  '110102',
  '110105',
  '110108',
  '440103',
  '440104',
  '440106',
  '440304',
  '440305',
  '330102',
  '330106',
  '320102',
  '320506',
  '510104',
  '420102',
  '610102',
];
const FIRST_BIRTH = Date.UTC(1950, 0, 1);
const BIRTH_DAYS = 20_089; // up to 2004-12-31
const DAY_STRIDE = 7919; // prime, coprime with BIRTH_DAYS: spreads consecutive people over the calendar

/**
 * The i-th synthetic person. Identifiers are unique by construction (mixed radix over
 * region, birth date and sequence number), so a population needs no set of used ids.
 */
export function syntheticPerson(i: number, random: Random): SyntheticSubject {
  const region = REGIONS[i % REGIONS.length]!;
  const k = Math.floor(i / REGIONS.length);
  const day = (k * DAY_STRIDE) % BIRTH_DAYS;
  const sequence = Math.floor(k / BIRTH_DAYS) % 1000;
  const birth = new Date(FIRST_BIRTH + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return { kind: 'person', scheme: 'CN-RIC', value: body + ricCheckCharacter(body), name: personName(random) };
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_CODE_SPACE = 31 ** 8;
const ORG_CODE_STRIDE = 748_169_351; // prime, coprime with 31^8

/** The i-th synthetic organization (registered by market regulation, "91") or government body ("11"). */
export function syntheticOrganization(
  i: number,
  kind: 'organization' | 'government',
  random: Random,
): SyntheticSubject {
  // Organizations and government bodies draw from disjoint halves of the code space.
  let n = ((i * 2 + (kind === 'government' ? 1 : 0)) * ORG_CODE_STRIDE) % ORG_CODE_SPACE;
  let code = '';
  for (let d = 0; d < 8; d++) {
    code = USCC_ALPHABET[n % 31] + code;
    n = Math.floor(n / 31);
  }
  const organizationCode = code + organizationCodeCheckCharacter(code);
  const prefix = kind === 'government' ? '11' : '91';
  const body = `${prefix}${REGIONS[i % 16]!}${organizationCode}`;
  const name = kind === 'government' ? governmentBodyName(random) : companyName(random);
  return { kind, scheme: 'CN-USCC', value: body + usccCheckCharacter(body), name };
}
