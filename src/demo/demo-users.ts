import { createReadStream } from 'node:fs';
import type { Registry } from '../registry.js';
import { textLines } from '../services/text-lines.js';
import type { DemoUser } from './demo-identity-provider.js';

/** How many people of the population to rate when looking for examples: enough to find every band. */
const CANDIDATES = 3_000;
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
  for (const person of persons) {
    const subject = await registry.subjectData.subjectOf(person);
    if (!subject) continue;
    const [assessment, entries] = await Promise.all([registry.subjectData.assessment(subject), registry.subjectData.listEntries(subject)]);
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
    { accountId: 'staff-reviewer', name: 'Demo Reviewer', description: 'staff: reviewer (the dispute console at /review)', claims: { roles: ['reviewer'] } },
    { accountId: 'staff-auditor', name: 'Demo Auditor', description: 'staff: auditor', claims: { roles: ['auditor'] } },
  );
  return users;
}

function citizen(person: Candidate, description: string): DemoUser {
  return { accountId: `citizen-${person.value}`, name: person.name, description, claims: { national_id: person.value } };
}

/** The first distinct persons of the population file, and its first organization. */
async function candidates(file: string): Promise<{ persons: Candidate[]; organization: Candidate | undefined }> {
  const persons = new Map<string, Candidate>();
  let organization: Candidate | undefined;
  const input = createReadStream(file);
  for await (const line of textLines(input)) {
    if (line === '') continue;
    const { subject } = JSON.parse(line) as { subject: Candidate };
    if (subject.scheme === 'CN-RIC' && !persons.has(subject.value)) persons.set(subject.value, subject);
    else if (subject.scheme === 'CN-USCC' && !organization && !subject.value.startsWith('1')) organization = subject;
    if (persons.size >= CANDIDATES && organization) break;
  }
  input.destroy();
  return { persons: [...persons.values()], organization };
}
