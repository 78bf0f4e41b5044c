/** The three kinds of subject Probity holds records about (design.md, "Domain model"). */
export const SUBJECT_KINDS = ['person', 'organization', 'government'] as const;

export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The name under which a subject may be found by anyone: an organization's or a government
 * body's registered name. A person's name is never public, whatever a record says.
 */
export function publicName(kind: SubjectKind, name: string | null | undefined): string | null {
  return kind === 'person' || !name ? null : name;
}
