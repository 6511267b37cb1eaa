import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class LinkJournalEventGoal1795829394557 implements MigrationInterface {
  name = 'LinkJournalEventGoal1795829394557';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE "journal_event" ADD CONSTRAINT "fk_journal_event_goal" FOREIGN KEY ("goal_id") REFERENCES "pathway_goal"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "journal_event" DROP CONSTRAINT "fk_journal_event_goal"');
  }
}
