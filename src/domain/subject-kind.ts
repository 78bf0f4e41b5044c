/** The three kinds of subject Probity holds records about (design.md, "Domain model"). */
export const SUBJECT_KINDS = ['person', 'organization', 'government'] as const;

export type SubjectKind = (typeof SUBJECT_KINDS)[number];
