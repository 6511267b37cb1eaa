// The verifier's findings in words ("Entrée 123 modifiée (sceau 4, position 12)"). Pure, so
// unit-tested. Every kind has a sentence for what the report says about it: the entry and its
// place when known, else the seal alone.

export type ProblemKind = 'altered' | 'missing' | 'inserted' | 'swapped' | 'seal_altered' | 'chain_broken';

export interface VerificationProblem {
  readonly kind: ProblemKind;
  /** The seal, by its 1-based position in the chain. */
  readonly seal: number;
  /** Position of the entry within the seal, 1-based. */
  readonly position?: number;
  readonly entryId?: string;
}

type EntryKind = 'altered' | 'missing' | 'inserted' | 'swapped';

export type ProblemMessageKey =
  | `verification.problems.${EntryKind}.placed`
  | `verification.problems.${EntryKind}.entry`
  | `verification.problems.${EntryKind}.seal`
  | 'verification.problems.seal_altered'
  | 'verification.problems.chain_broken'
  | 'verification.problems.unknown';

export interface ProblemMessage {
  readonly key: ProblemMessageKey;
  readonly values: { readonly seal: number; readonly position?: number; readonly entryId?: string };
}

const ENTRY_KINDS: ReadonlySet<string> = new Set<EntryKind>(['altered', 'missing', 'inserted', 'swapped']);

function isEntryKind(kind: string): kind is EntryKind {
  return ENTRY_KINDS.has(kind);
}

export function describeProblem(problem: VerificationProblem): ProblemMessage {
  const { kind, seal, position, entryId } = problem;
  if (kind === 'seal_altered' || kind === 'chain_broken') {
    return { key: `verification.problems.${kind}`, values: { seal } };
  }
  if (!isEntryKind(kind)) return { key: 'verification.problems.unknown', values: { seal } };
  if (entryId !== undefined && position !== undefined) {
    return { key: `verification.problems.${kind}.placed`, values: { seal, position, entryId } };
  }
  if (entryId !== undefined) return { key: `verification.problems.${kind}.entry`, values: { seal, entryId } };
  return { key: `verification.problems.${kind}.seal`, values: { seal } };
}
