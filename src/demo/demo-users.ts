import { createReadStream } from 'node:fs';
import type { Registry } from '../registry.js';
import { fakePayload } from '../gen/payload-faker.js';
import { Random } from '../gen/random.js';
import { prepareLines } from '../services/bulk-ingest.js';
import { textLines } from '../services/text-lines.js';
import type { DemoUser } from './demo-identity-provider.js';

/** How many people of the population to rate at most when looking for examples: the few very good ones are rare. */
const CANDIDATES = 20_000;
const PER_BAND = 2;

interface Candidate {
  readonly scheme: string;
  readonly value: string;
  readonly name: string;
}

/**
 * Demo users from the generated population, so that signing in shows real data: citizens
 * in each band of the persons rulebook, one on the dishonest judgment debtors list, a
 * company's legal representative, and two staff members (a reviewer and an auditor).
 */
export async function chooseDemoUsers(registry: Registry, populationFile: string): Promise<DemoUser[]> {
  const { persons, organization } = await candidates(populationFile);
  const users: DemoUser[] = [];
  const used = new Set<string>();
  const bandCounts = new Map<string, number>();
  let debtor: DemoUser | undefined;
  const bands = registry.catalog.pack.rulebooks.find((r) => r.subjectKind === 'person')?.bands.length ?? 0;
  const complete = () =>
    debtor !== undefined && bandCounts.size === bands && [...bandCounts.values()].every((n) => n >= PER_BAND);
  for (const person of persons) {
    if (complete()) break;
    const subject = await registry.subjectData.subjectOf(person);
    if (!subject) continue;
    const [assessment, entries] = await Promise.all([
      registry.subjectData.assessment(subject),
      registry.subjectData.listEntries(subject),
    ]);
    if (!debtor && entries.some((e) => e.status === 'active' && e.entry.listCode === 'dishonest-judgment-debtors')) {
      debtor = citizen(person, `on the dishonest judgment debtors list (${assessment?.band.label.en ?? 'not rated'})`);
      used.add(person.value);
      continue;
    }
    if (!assessment) continue;
    const band = assessment.band.code;
    if ((bandCounts.get(band) ?? 0) >= PER_BAND) continue;
    bandCounts.set(band, (bandCounts.get(band) ?? 0) + 1);
    users.push(citizen(person, `citizen, rating ${assessment.band.label.en} (${assessment.score})`));
    used.add(person.value);
  }
  for (const person of await commended(
    registry,
    persons.filter((p) => !used.has(p.value)),
    PER_BAND - (bandCounts.get(TOP_BAND) ?? 0),
  )) {
    users.push(citizen(person.candidate, `citizen, rating ${person.label} (${person.score})`));
    used.add(person.candidate.value);
  }
  if (debtor) users.push(debtor);
  const representative = persons.find((p) => !used.has(p.value));
  if (organization && representative) {
    users.push({
      accountId: `rep-${organization.value}`,
      name: representative.name,
      description: `legal representative of ${organization.name}`,
      claims: { national_id: representative.value, uscc: organization.value },
    });
  }
  users.push(
    {
      accountId: 'staff-reviewer',
      name: 'Demo Reviewer',
      description: 'staff: reviewer (the dispute console at /review)',
      claims: { roles: ['reviewer'] },
    },
    { accountId: 'staff-auditor', name: 'Demo Auditor', description: 'staff: auditor', claims: { roles: ['auditor'] } },
  );
  return users;
}

const TOP_BAND = 'very_good';
const COMMENDATION = 'commendation.integrity_model';

/**
 * A very good rating is rare in a generated population (it takes several commendations), so
 * when too few turn up the demo commends a few good citizens twice more, through the same
 * ingest as every record, and shows them: that is how a real person would get there too.
 */
async function commended(registry: Registry, candidates: readonly Candidate[], wanted: number) {
  const chosen: { candidate: Candidate; label: string; score: number }[] = [];
  const institution = registry.catalog.pack.institutions.find((i) => i.recordTypes.includes(COMMENDATION));
  const type = registry.catalog.recordType(COMMENDATION);
  if (wanted <= 0 || !institution || !type) return chosen;
  const random = new Random(7);
  for (const candidate of candidates) {
    if (chosen.length >= wanted) break;
    const subject = await registry.subjectData.subjectOf(candidate);
    const before = subject && (await registry.subjectData.assessment(subject));
    // Two commendations (+100) lift a citizen with nothing against them from the base score to the top band.
    if (!subject || !before || before.adverse.length > 0) continue;
    const effectiveAt = registry.clock.now();
    const lines = [1, 2].map((n) => ({
      institution: institution.code,
      type: COMMENDATION,
      sourceRef: `DEMO-COMMENDATION-${candidate.value}-${n}`,
      subject: { scheme: candidate.scheme, value: candidate.value, name: candidate.name },
      effectiveAt: effectiveAt.toISOString(),
      payload: fakePayload(type.payloadSchema, { random, effectiveAt, caseCourt: '沪0115' }),
    }));
    await registry.ingest.commit(
      prepareLines(
        registry.catalog,
        lines.map((value, i) => ({ line: i + 1, text: '', value })),
        { today: registry.ingest.today() },
      ),
    );
    const assessment = await registry.subjectData.assessment(subject);
    if (assessment?.band.code === TOP_BAND)
      chosen.push({ candidate, label: assessment.band.label.en, score: assessment.score });
  }
  return chosen;
}

function citizen(person: Candidate, description: string): DemoUser {
  const accountId = `citizen-${person.value}`;
  return {
    accountId,
    name: person.name,
    description,
    claims: { national_id: person.value, email: `${accountId}@demo.example`, email_verified: 'true' },
  };
}

/** The first distinct persons of the population file, and its first organization. */
async function candidates(file: string): Promise<{ persons: Candidate[]; organization: Candidate | undefined }> {
  const persons = new Map<string, Candidate>();
  let organization: Candidate | undefined;
  const input = createReadStream(file);
  for await (const line of textLines(input)) {
    if (typeof line !== 'string' || line === '') continue;
    const { subject } = JSON.parse(line) as { subject: Candidate };
    if (subject.scheme === 'CN-RIC' && !persons.has(subject.value)) persons.set(subject.value, subject);
    else if (subject.scheme === 'CN-USCC' && !organization && !subject.value.startsWith('1')) organization = subject;
    if (persons.size >= CANDIDATES && organization) break;
  }
  input.destroy();
  return { persons: [...persons.values()], organization };
}
