// Compiles the server side (apps/api, apps/worker, libs, migrations, scripts) with SWC into dist/,
// rewriting the `@app/*` aliases to relative paths so the output runs with plain `node` and the
// TypeORM CLI; builds the web UI with Vite when its sources are newer than its last build.
import { transformFile } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist');
const serverRoots = ['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'scripts/cli'];
const args = new Set(process.argv.slice(2));

function walk(dir, acc = []) {
  if (!existsSync(dir)) return acc;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, acc);
    else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.d.ts') &&
      !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)
    )
      acc.push(full);
  }
  return acc;
}

function newest(dir) {
  let max = 0;
  for (const f of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (f.isFile()) max = Math.max(max, statSync(path.join(f.parentPath, f.name)).mtimeMs);
  }
  return max;
}

async function buildServer() {
  const files = serverRoots.flatMap((r) => walk(path.join(root, r)));
  await Promise.all(
    files.map(async (file) => {
      const { code, map } = await transformFile(file, {
        sourceMaps: true,
        module: { type: 'commonjs' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
          baseUrl: root,
          paths: { '@app/*': ['libs/*/src/index.ts'] },
        },
      });
      const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) writeFileSync(`${target}.map`, map);
    }),
  );
  return files.length;
}

function buildWeb() {
  const webDist = path.join(out, 'web');
  const stamp = path.join(webDist, 'index.html');
  const sources = Math.max(newest(path.join(root, 'apps/web')), newest(path.join(root, 'libs/contracts/src')));
  if (!args.has('--force') && existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return false;
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: path.join(root, 'apps/web'),
    stdio: 'inherit',
  });
  return true;
}

const started = Date.now();
const count = await buildServer();
const web = args.has('--server-only') ? false : buildWeb();
console.log(`build: ${count} server files${web ? ' and the web UI' : ''} in ${Date.now() - started} ms`);
