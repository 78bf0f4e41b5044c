/** The kinds of file a subject may add to a dispute, by the type their content shows (never by name). */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;

/** A file added to a dispute, without its content. */
export interface Evidence {
  readonly id: string;
  readonly disputeId: string;
  readonly subjectId: string;
  readonly mediaType: EvidenceMediaType;
  readonly size: number;
  /** Hex SHA-256 of the content, as stored and as logged. */
  readonly sha256: string;
  readonly addedAt: string;
}

export function isEvidenceMediaType(type: string | undefined): type is EvidenceMediaType {
  return (EVIDENCE_MEDIA_TYPES as readonly (string | undefined)[]).includes(type);
}
