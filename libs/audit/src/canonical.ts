import { createHash, createHmac } from 'node:crypto';

/** An entry as the sealer and verifier read it (times in microseconds since the epoch, exactly). */
export interface EntryRow {
  id: string;
  occurred_us: string;
  association_id: string | null;
  site_id: string | null;
  actor_id: string | null;
  actor_roles: string[];
  action: string;
  object_type: string | null;
  object_id: string | null;
  object_ids: string[] | null;
  outcome: string;
  detail: string | null;
  reason: Buffer | null;
  client_hash: string | null;
  request_id: string | null;
  tx_id: string;
}

export const ENTRY_COLUMNS = `id::text AS id, (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS occurred_us,
  association_id, site_id, actor_id, actor_roles, action, object_type, object_id, object_ids, outcome, detail,
  reason, client_hash, request_id, tx_id::text AS tx_id`;

/**
 * SHA-256 of every field but the id, in a fixed order: any change to a field changes the digest.
 * The id is left out because the seal lists ids in order: a changed id shows as missing there,
 * and two entries whose contents traded places are recognised as swapped.
 */
export function entryDigest(e: EntryRow): Buffer {
  const fields = [
    e.occurred_us,
    e.association_id,
    e.site_id,
    e.actor_id,
    e.actor_roles,
    e.action,
    e.object_type,
    e.object_id,
    e.object_ids,
    e.outcome,
    e.detail,
    e.reason ? e.reason.toString('hex') : null,
    e.client_hash,
    e.request_id,
    e.tx_id,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest();
}

export interface SealBody {
  previousId: string | null;
  txFrom: string;
  txTo: string;
  entryIds: string[];
  entryDigests: Buffer[];
  previousMac: Buffer | null;
}

/** The seal's HMAC, keyed from the key file: chains each seal to the one before. */
export function sealMac(key: Buffer, seal: SealBody): Buffer {
  const mac = createHmac('sha256', key);
  mac.update(JSON.stringify([seal.previousId, seal.txFrom, seal.txTo, seal.entryIds.length, seal.entryIds]));
  for (const digest of seal.entryDigests) mac.update(digest);
  mac.update(seal.previousMac ?? Buffer.alloc(0));
  return mac.digest();
}
