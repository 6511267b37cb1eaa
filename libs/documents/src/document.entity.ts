import { VersionedRecord } from '@app/platform';
import { Column, Entity, Index } from 'typeorm';

/**
 * A document of a person's file. The content lives encrypted in the storage folder under
 * `storage_key` (a random id, never derived from the uploaded name); the uploaded name is
 * encrypted here like any identifying text. Deleting is soft: the row stays, marked, for the DPO.
 */
@Entity({ name: 'document' })
@Index('ix_document_person', ['associationId', 'personId', 'deletedAt'])
@Index('ix_document_expiry', ['associationId', 'expiresOn'])
export class PersonDocument extends VersionedRecord {
  @Column({ name: 'association_id', type: 'uuid' })
  associationId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'kind', type: 'varchar', length: 24 })
  kind!: string;

  /** AES-256-GCM (FieldCipher), bound to this row and association. */
  @Column({ name: 'file_name', type: 'bytea' })
  fileName!: Buffer;

  /** Sniffed from the content at upload. */
  @Column({ name: 'media_type', type: 'varchar', length: 96 })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 36 })
  storageKey!: string;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  deletedBy!: string | null;
}
