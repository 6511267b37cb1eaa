// The synthetic data the scenarios share (`seed:synthetic`'s seeder, real encryption): 20
// associations created once per run, persons added as scenarios ask for more, one key file. The
// scenarios that read or write person data (notes, reads, reminders-10k) use the same associations
// and accounts, so a run seeds once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const PASSWORD = 'synthetic-password';
export const ASSOCIATIONS = 20;
// Journal history per file (BENCH_EVENTS_PER_PERSON): none by default, since the read scenarios do not
// read the journal and seeding it costs minutes at 50,000 files.
const EVENTS_PER_PERSON = Number(process.env.BENCH_EVENTS_PER_PERSON ?? 0);

let shared;

/**
 * The run's synthetic data: `{ keysFile, owner, seeder, persons, grow(total) }`. `grow(total, context)` adds
 * persons up to `total` and answers what it took (`{ added, rows, seconds }`); the data is then
 * vacuumed and analysed, as a database that has lived would be.
 */
export async function syntheticData(context) {
  if (shared) return shared;
  const platform = await context.load('dist/libs/platform/src/index.js');
  const { ownerDataSource } = await context.load('dist/apps/api/src/database.js');
  const { SyntheticSeeder } = await context.load('dist/apps/api/src/seed/synthetic.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'envol-bench-'));
  const keysFile = path.join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify(platform.generateKeyFileJson()), { mode: 0o600 });
  const keys = platform.loadKeyFile(keysFile);
  const owner = await ownerDataSource(context.database.ownerUrl).initialize();
  context.deferRun(async () => {
    await owner.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  const seeder = new SyntheticSeeder(owner, keys, {
    seed: 1,
    password: PASSWORD,
    eventsPerPerson: EVENTS_PER_PERSON,
    say: () => undefined,
  });
  await seeder.createAssociations(ASSOCIATIONS);
  shared = {
    keysFile,
    owner,
    seeder,
    persons: 0,
    async grow(total, caller = context) {
      const added = Math.max(0, total - shared.persons);
      if (added === 0) return { added, rows: 0, seconds: 0 };
      // Seeding is not the scenario's work: its time is not counted against the scenario's limit.
      return caller.untimed(async () => {
        const started = performance.now();
        const rowsBefore = seeder.rows;
        await seeder.addPersons(added);
        const seconds = (performance.now() - started) / 1000;
        shared.persons = total;
        // VACUUM as autovacuum would have by then: index-only scans (the caseload's count) need the visibility map.
        await owner.query('VACUUM ANALYZE');
        const rows = seeder.rows - rowsBefore;
        caller.log(
          `seeded ${added} persons (${rows} rows with their appointments, reminders and pathways) in ${seconds.toFixed(1)} s — ${Math.round(added / seconds)} persons/s, ${Math.round(rows / seconds)} rows/s`,
        );
        return { added, rows, seconds };
      });
    },
  };
  return shared;
}
