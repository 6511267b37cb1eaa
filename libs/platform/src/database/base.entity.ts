import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Every table: a uuid id and instants as timestamptz. */
export abstract class BaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * Case records carry a version for optimistic locking. TypeORM's `save()` does not check it:
 * edits go through `updateVersioned`, which answers 409 on a stale version.
 */
export abstract class VersionedRecord extends BaseRecord {
  @VersionColumn({ name: 'version', type: 'integer' })
  version!: number;
}
