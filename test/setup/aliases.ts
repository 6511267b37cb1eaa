import Module from 'node:module';
import { resolve } from 'node:path';

/**
 * Jest's moduleNameMapper does not apply to globalSetup/globalTeardown, which run outside the
 * test module registry: map `@app/<lib>` to the lib's index here too.
 */
const libs = resolve(__dirname, '../../libs');
const mod = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = mod._resolveFilename;
mod._resolveFilename = function resolveAlias(request: string, ...rest: unknown[]): string {
  const match = /^@app\/([a-z-]+)$/.exec(request);
  return original.call(this, match ? resolve(libs, match[1], 'src/index.ts') : request, ...rest);
};
