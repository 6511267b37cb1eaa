import type { DataSource } from 'typeorm';
import { entryDigest, ENTRY_COLUMNS, sealMac, type EntryRow } from './canonical';

const BATCH = 10_000;
// One sealer at a time across every process: seals are appended in order, never forked.
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('envol.audit.sealer'))`;

interface LastSeal {
  id: string;
  tx_to: string;
  mac: Buffer;
}

/**
 * Appends seals to the chain. Runs as `envol_system` (it reads every association's entries) with
 * the HMAC key from the key file. Only entries whose transaction ended before the oldest running
 * one are sealed (TOOLCHAIN.md "Sealing a log whose ids commit out of order").
 */
export class AuditSealer {
  constructor(
    private readonly system: DataSource,
    private readonly hmacKey: Buffer,
  ) {}

  /** Seals what is ready; returns how many entries the new seal covers (0: nothing to seal). */
  async sealOnce(now: Date): Promise<number> {
    return this.system.transaction(async (manager) => {
      await manager.query(LOCK);
      const [last] = await manager.query<LastSeal[]>(
        'SELECT id::text AS id, tx_to::text AS tx_to, mac FROM audit_seal ORDER BY audit_seal.id DESC LIMIT 1',
      );
      const txFrom = last?.tx_to ?? '0';
      const [{ xmin }] = await manager.query<{ xmin: string }[]>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
      );
      let txTo = xmin;
      let entries = await manager.query<EntryRow[]>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE tx_id >= $1 AND tx_id < $2 ORDER BY audit_entry.tx_id, audit_entry.id LIMIT ${BATCH + 1}`,
        [txFrom, txTo],
      );
      if (entries.length > BATCH) {
        // Cut between two transactions, so that a seal always holds whole transactions.
        const cut = entries[BATCH].tx_id;
        if (cut !== txFrom) {
          txTo = cut;
          entries = entries.filter((e) => BigInt(e.tx_id) < BigInt(cut));
        } else {
          entries = await manager.query<EntryRow[]>(
            `SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE tx_id = $1 ORDER BY audit_entry.id`,
            [cut],
          );
          txTo = (BigInt(cut) + 1n).toString();
        }
      }
      if (entries.length === 0) return 0;
      const body = {
        previousId: last?.id ?? null,
        txFrom,
        txTo,
        entryIds: entries.map((e) => e.id),
        entryDigests: entries.map(entryDigest),
        previousMac: last?.mac ?? null,
      };
      await manager.query(
        `INSERT INTO audit_seal (previous_id, sealed_at, tx_from, tx_to, entry_count, entry_ids, entry_digests, previous_mac, mac)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          body.previousId,
          now,
          txFrom,
          txTo,
          entries.length,
          body.entryIds,
          body.entryDigests,
          body.previousMac,
          sealMac(this.hmacKey, body),
        ],
      );
      return entries.length;
    });
  }

  /** Seals until nothing is ready (tests, shutdown). */
  async sealAll(now: Date): Promise<number> {
    let total = 0;
    for (let sealed = await this.sealOnce(now); sealed > 0; sealed = await this.sealOnce(now)) total += sealed;
    return total;
  }

  /** Entries not sealed yet and the age of the oldest, for /api/health. */
  async lag(now: Date): Promise<{ unsealed: number; oldestSeconds: number }> {
    const [row] = await this.system.query<{ n: number; oldest: Date | null }[]>(
      `SELECT count(*)::int AS n, min(occurred_at) AS oldest FROM audit_entry
        WHERE tx_id >= coalesce((SELECT tx_to FROM audit_seal ORDER BY id DESC LIMIT 1), 0)`,
    );
    return {
      unsealed: row?.n ?? 0,
      oldestSeconds: row?.oldest ? Math.max(0, Math.round((now.getTime() - row.oldest.getTime()) / 1000)) : 0,
    };
  }
}
