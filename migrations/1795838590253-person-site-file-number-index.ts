import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated from the entities. A coordinator's caseload page (one site, by file number) is read in
 * index order instead of sorting every file of the site: its cost stops growing with the site.
 */
export class PersonSiteFileNumberIndex1795838590253 implements MigrationInterface {
  name = 'PersonSiteFileNumberIndex1795838590253';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."ix_person_site"');
    await q.query(
      'CREATE INDEX "ix_person_site_file_number" ON "person"  ("association_id", "site_id", "file_number") ',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "public"."ix_person_site_file_number"');
    await q.query('CREATE INDEX "ix_person_site" ON "person" USING btree ("association_id", "site_id") ');
  }
}
