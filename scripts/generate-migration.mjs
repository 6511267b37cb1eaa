// `npm run migration:generate -- AddPersons`: writes migrations/<timestamp>-add-persons.ts from the
// entity diff and lists it in migrations/index.ts. Read the file before committing it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaDiff } from './schema-diff.mjs';

const root = path.resolve(import.meta.dirname, '..');
const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const { up, down } = await schemaDiff();
if (up.length === 0) {
  console.log('Nothing to generate: the entities match the migrations.');
  process.exit(0);
}
const ts = Date.now();
const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const file = `${ts}-${kebab}`;
const cls = `${name}${ts}`;
const render = (qs) =>
  qs
    .map(
      (q) =>
        `    await q.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
    )
    .join('\n');
writeFileSync(
  path.join(root, 'migrations', `${file}.ts`),
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities. */
export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(q: QueryRunner): Promise<void> {
${render(up)}
  }

  async down(q: QueryRunner): Promise<void> {
${render(down.slice().reverse())}
  }
}
`,
);
const indexPath = path.join(root, 'migrations', 'index.ts');
let index = readFileSync(indexPath, 'utf8');
const lastImport = index.lastIndexOf('import {');
const importEnd = index.indexOf('\n', lastImport);
index = `${index.slice(0, importEnd + 1)}import { ${cls} } from './${file}';\n${index.slice(importEnd + 1)}`;
index = index.replace(/,?\s*\];\s*$/, `, ${cls}];\n`);
writeFileSync(indexPath, index);
execFileSync(path.join(root, 'node_modules/.bin/prettier'), [
  '--write',
  '--log-level',
  'warn',
  path.join(root, 'migrations'),
]);
console.log(`Wrote migrations/${file}.ts (${up.length} statements) and listed it in migrations/index.ts.`);
