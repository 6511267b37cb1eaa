import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where a data key stands in its rotation (`rotateDataKey`). */
export enum DataKeyState {
  /** Encrypts new values; exactly one per association. */
  Active = 'active',
  /** Replaced by a newer version; its rows are being re-encrypted. Still decrypts. */
  Retiring = 'retiring',
  /** No row is encrypted under it any more. Kept so that a restored backup can still be read. */
  Retired = 'retired',
}

/**
 * One association's data key, version by version (DESIGN.md decision 3). The 32-byte key is stored
 * only wrapped: AES-256-GCM under the key-encryption key `kek_id` of the key file, with associated
 * data `data_key.<association_id>.<version>`, so a dump of the database alone opens nothing and a
 * wrapped key copied to another association or version fails to unwrap. Row-level security is
 * enabled and forced; the runtime role may read and insert (lazy creation), never change or delete.
 */
@Entity({ name: 'data_key' })
@Index('uq_data_key_version', ['associationId', 'version'], { unique: true })
@Index('uq_data_key_active', ['associationId'], { unique: true, where: `"state" = 'active'` })
@Check('ck_data_key_state', `"state" IN ('active', 'retiring', 'retired')`)
@Check('ck_data_key_version', `"version" > 0`)
export class DataKey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_data_key' })
  id!: string;

  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  /** 1, 2, …: carried in every ciphertext, so rotation finds the rows still on an older version. */
  @Column({ name: 'version', type: 'integer' })
  version!: number;

  /** iv (12) | tag (16) | wrapped key (32). */
  @Column({ name: 'wrapped', type: 'bytea' })
  wrapped!: Buffer;

  /** The key file's key-encryption key that wraps it (`keys.currentKekId` when wrapped). */
  @Column({ name: 'kek_id', type: 'varchar', length: 64 })
  kekId!: string;

  @Column({ name: 'state', type: 'varchar', length: 8 })
  state!: DataKeyState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
