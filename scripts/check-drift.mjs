// Fails when the entities and the migrations disagree (twenty's rule): a schema change must come as
// a generated, committed migration. Needs a built tree (`npm run build`) and a reachable PostgreSQL.
import { schemaDiff } from './schema-diff.mjs';

const { up } = await schemaDiff();
if (up.length > 0) {
  console.log('Entities and migrations disagree. The missing migration would run:');
  for (const q of up) console.log(`  ${q.query};`);
  console.log('Generate it with: npm run migration:generate -- <Name>');
  process.exit(1);
}
console.log('No drift: the migrations produce exactly the schema of the entities.');
