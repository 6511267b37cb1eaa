import type { DataSource } from 'typeorm';
import { entryDigest, ENTRY_COLUMNS, sealMac, type EntryRow } from './canonical';

export type ProblemKind = 'altered' | 'missing' | 'inserted' | 'swapped' | 'seal_altered' | 'chain_broken';

export interface VerificationProblem {
  kind: ProblemKind;
  /** The seal (1-based position in the chain) where it was found. */
  seal: number;
  /** Position within the seal's entries (1-based), when it concerns an entry. */
  position?: number;
  entryId?: string;
}

export interface VerificationReport {
  ok: boolean;
  seals: number;
  sealedEntries: number;
  unsealedEntries: number;
  problems: VerificationProblem[];
}

interface SealRow {
  id: string;
  previous_id: string | null;
  tx_from: string;
  tx_to: string;
  entry_count: number;
  entry_ids: string[];
  entry_digests: Buffer[];
  previous_mac: Buffer | null;
  mac: Buffer;
}

/**
 * Recomputes every seal and every entry digest; reports, by position, an altered entry, a missing
 * (deleted) one, one slipped in, two swapped, or a seal altered or out of chain.
 */
export class AuditVerifier {
  constructor(
    private readonly system: DataSource,
    private readonly hmacKey: Buffer,
  ) {}

  async verify(): Promise<VerificationReport> {
    const problems: VerificationProblem[] = [];
    const seals = await this.system.query<SealRow[]>(
      `SELECT id::text AS id, previous_id::text AS previous_id, tx_from::text AS tx_from, tx_to::text AS tx_to,
              entry_count, entry_ids::text[] AS entry_ids, entry_digests, previous_mac, mac
         FROM audit_seal ORDER BY audit_seal.id`,
    );
    let previous: SealRow | null = null;
    let sealedEntries = 0;
    for (const [index, seal] of seals.entries()) {
      const number = index + 1;
      const linked =
        seal.previous_id === (previous?.id ?? null) &&
        (seal.previous_mac === null
          ? previous === null
          : previous !== null && seal.previous_mac.equals(previous.mac)) &&
        (previous === null ? true : seal.tx_from === previous.tx_to);
      if (!linked) problems.push({ kind: 'chain_broken', seal: number });
      const body = {
        previousId: seal.previous_id,
        txFrom: seal.tx_from,
        txTo: seal.tx_to,
        entryIds: seal.entry_ids,
        entryDigests: seal.entry_digests,
        previousMac: seal.previous_mac,
      };
      if (!sealMac(this.hmacKey, body).equals(seal.mac) || seal.entry_count !== seal.entry_ids.length) {
        problems.push({ kind: 'seal_altered', seal: number });
      }
      const rows = await this.system.query<EntryRow[]>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE tx_id >= $1 AND tx_id < $2 ORDER BY audit_entry.tx_id, audit_entry.id`,
        [seal.tx_from, seal.tx_to],
      );
      problems.push(...compare(number, seal, rows));
      sealedEntries += seal.entry_ids.length;
      previous = seal;
    }
    const [{ n }] = await this.system.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM audit_entry WHERE tx_id >= $1',
      [previous?.tx_to ?? '0'],
    );
    return { ok: problems.length === 0, seals: seals.length, sealedEntries, unsealedEntries: n, problems };
  }
}

function compare(sealNumber: number, seal: SealRow, rows: EntryRow[]): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const expected = new Set(seal.entry_ids);
  const digests = seal.entry_ids.map((id) => {
    const row = byId.get(id);
    return row ? entryDigest(row) : null;
  });
  const stored = seal.entry_digests.map((d) => d.toString('hex'));
  const wrong: number[] = [];
  seal.entry_ids.forEach((id, i) => {
    const actual = digests[i];
    if (!actual) problems.push({ kind: 'missing', seal: sealNumber, position: i + 1, entryId: id });
    else if (actual.toString('hex') !== stored[i]) wrong.push(i);
  });
  // Two entries whose contents traded places: each holds the digest stored for the other.
  const paired = new Set<number>();
  for (const i of wrong) {
    if (paired.has(i)) continue;
    const j = wrong.find(
      (k) =>
        k !== i &&
        !paired.has(k) &&
        digests[i]!.toString('hex') === stored[k] &&
        digests[k]!.toString('hex') === stored[i],
    );
    if (j !== undefined) {
      paired.add(i).add(j);
      problems.push({ kind: 'swapped', seal: sealNumber, position: i + 1, entryId: seal.entry_ids[i] });
      problems.push({ kind: 'swapped', seal: sealNumber, position: j + 1, entryId: seal.entry_ids[j] });
    }
  }
  for (const i of wrong) {
    if (!paired.has(i))
      problems.push({ kind: 'altered', seal: sealNumber, position: i + 1, entryId: seal.entry_ids[i] });
  }
  for (const row of rows) {
    if (!expected.has(row.id)) problems.push({ kind: 'inserted', seal: sealNumber, entryId: row.id });
  }
  return problems.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}
