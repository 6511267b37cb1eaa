// ESLint flat config. Conventions it enforces come from STYLE.md and DESIGN.md ("Layout"); the
// dependency rules that need a module graph (cycles, which lib may import which) live in
// .dependency-cruiser.cjs, and this file only repeats the ones a single file can show.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// Tool configuration files at the root and at the root of apps/web (vite.config.ts …). No tsconfig is
// guaranteed to include them, so they are linted without type information (the project service would
// otherwise fail on them); tools expect a default export from them and they may read process.env.
const TOOL_CONFIG_FILES = ['*.config.{ts,mts,cts}', 'apps/web/*.config.{ts,mts,cts}'];

// Where each restriction does not apply.
const PLATFORM = ['libs/platform/**'];
// libs/testing is test code only (DESIGN.md "Layout"), like test/: it may read the test database URL.
const MAY_READ_ENV = [...PLATFORM, 'libs/testing/**', 'scripts/**', 'test/**', ...TOOL_CONFIG_FILES];
// Tools load their config files (vite, playwright …) and jest its globalSetup/globalTeardown modules by
// their default export.
const MAY_DEFAULT_EXPORT = ['**/*.config.{ts,mts,cts}', '**/global-setup.ts', '**/global-teardown.ts', 'migrations/**'];

// Node globals for the plain JavaScript files (scripts/*.mjs, config files). Declared here rather than
// taken from the `globals` package, which is not a dependency of the project.
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

// `no-restricted-syntax` is a single rule, and a later config block replaces its whole option list
// for the files it matches. Registering it under several names lets each restriction below be
// switched on for its own set of files, and the name in a report (or in an eslint-disable comment)
// says which convention is at stake.
const restrictedSyntax = builtinRules.get('no-restricted-syntax');
const envol = {
  meta: { name: 'envol' },
  rules: {
    'no-default-export': restrictedSyntax,
    'no-raw-data-access': restrictedSyntax,
    'no-process-env': restrictedSyntax,
  },
};

// STYLE.md, "Naming and comments": named exports only.
const noDefaultExport = [
  'error',
  { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
  { selector: "ExportSpecifier[exported.name='default']", message: 'Named exports only (STYLE.md).' },
];

// STYLE.md, "Tests and CI", and TOOLCHAIN.md, "RLS and TypeORM": a query that does not run on the
// request context's entity manager runs on another pooled connection, outside the transaction and
// without the tenant setting, so row-level security hides rows and refuses writes. Repositories come
// from the request context; only libs/platform touches the DataSource. The check is by name
// (`dataSource`, `this.dataSource`, `x.dataSource`): the name is the convention.
const dataSourceMembers =
  '/^(query|manager|getRepository|getTreeRepository|createQueryBuilder|createQueryRunner|transaction)$/';
const rawDataAccessMessage =
  'Outside libs/platform, queries go through the request context entity manager, never the DataSource or an injected repository (STYLE.md, TOOLCHAIN.md "RLS and TypeORM").';
const noRawDataAccess = [
  'error',
  { selector: "Decorator[expression.callee.name='InjectRepository']", message: rawDataAccessMessage },
  { selector: "ImportSpecifier[imported.name='InjectRepository']", message: rawDataAccessMessage },
  {
    selector: `MemberExpression[object.name='dataSource'][property.name=${dataSourceMembers}]`,
    message: rawDataAccessMessage,
  },
  {
    selector: `MemberExpression[object.property.name='dataSource'][property.name=${dataSourceMembers}]`,
    message: rawDataAccessMessage,
  },
];

// STYLE.md, "Inside a lib": only libs/platform reads process.env (config is one validated class).
const processEnvMessage = 'Only libs/platform reads process.env; inject its validated config instead (STYLE.md).';
const noProcessEnv = [
  'error',
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: processEnvMessage },
  { selector: "MemberExpression[object.name='process'][property.value='env']", message: processEnvMessage },
  {
    selector: "MemberExpression[object.object.name='globalThis'][object.property.name='process'][property.name='env']",
    message: processEnvMessage,
  },
  {
    selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
    message: processEnvMessage,
  },
  {
    selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
    message: processEnvMessage,
  },
];

// Import paths, for every TypeScript file. dependency-cruiser checks the same boundaries on the
// resolved graph (including dynamic imports); these give the message in the editor.
const restrictedImportPaths = [
  {
    // DESIGN.md "Layout" and STYLE.md: no forwardRef. A cycle that needs it is a design to fix.
    name: '@nestjs/common',
    importNames: ['forwardRef'],
    message: 'No forwardRef (DESIGN.md, STYLE.md): break the cycle instead.',
  },
];
const restrictedImportPatterns = [
  {
    // STYLE.md "Inside a lib": across libs, only `@app/<lib>`, which is the lib's src/index.ts.
    regex: '^@app/[^/]+/',
    message: 'Import another lib only through `@app/<lib>` (its index.ts), never deeper (STYLE.md).',
  },
  {
    // A relative path that climbs out of the current lib (or app) into another one's src/.
    regex: '^(\\.\\./)+[^/]+/src(/|$)',
    message: 'A relative import must stay inside its own lib or app; use `@app/<lib>` (STYLE.md).',
  },
  {
    regex: '^\\.{1,2}/(.*/)?libs/',
    message: 'Reach a lib through `@app/<lib>`, not by a relative path into libs/ (STYLE.md).',
  },
];

export default defineConfig(
  {
    ignores: ['**/dist/', '**/node_modules/', '.envol/', 'coverage/', 'test-results/', '.bench/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // Plain JavaScript: scripts/*.mjs and the config files. No type information.
  {
    files: JS_FILES,
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', globals: NODE_GLOBALS },
  },
  // package.json has no "type": Node runs .js (jest.config.js) as CommonJS, like .cjs.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
      },
    },
  },

  // All TypeScript, type-aware. For apps/api, apps/worker, libs, migrations, test and scripts, the
  // project service finds the root tsconfig.json (apps/web names its project further down). A
  // TypeScript file no tsconfig includes is an error here, as it is invisible to `tsc --noEmit` too.
  // Test files (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts, test/**) get exactly the same rules: STYLE.md
  // warns against tests checked less strictly than the product.
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { envol },
    rules: {
      // STYLE.md "Tests and CI": the lint is type-aware for these two above all.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Off on purpose: NestJS resolves constructor parameters from decorator metadata
      // (emitDecoratorMetadata), which needs the class as a runtime value. `import type { UsersService }`
      // is erased by the compiler (SWC here), the metadata says `Object`, and the injector fails at run
      // time with no compile error. This rule's fixer would turn exactly those imports into type imports.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': ['error', { paths: restrictedImportPaths, patterns: restrictedImportPatterns }],
      'envol/no-default-export': noDefaultExport,
      'envol/no-raw-data-access': noRawDataAccess,
      'envol/no-process-env': noProcessEnv,
    },
  },
  { files: PLATFORM, rules: { 'envol/no-raw-data-access': 'off' } },
  // Tests read HTTP bodies as parsed JSON (`res.json()` is `any` in light-my-request) and assert on
  // them: the assertion is the type check there. Everything else, `no-explicit-any` included, stays.
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.fault-spec.ts',
      '**/*.browser-spec.ts',
      'test/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: MAY_READ_ENV, rules: { 'envol/no-process-env': 'off' } },
  { files: MAY_DEFAULT_EXPORT, rules: { 'envol/no-default-export': 'off' } },

  // The web UI. apps/web/tsconfig.json leaves the *.spec.ts(x) files to tsconfig.spec.json, a name the
  // project service does not look for, so the project is named here. tsconfig.spec.json extends
  // tsconfig.json and includes all of src/, specs too: one program for the whole UI, a third faster
  // than loading both (`tsc -p apps/web/tsconfig.json` still checks the app without node/jest types).
  // Of the libs, apps/web may use libs/contracts only (DESIGN.md "Layout").
  {
    files: ['apps/web/**/*.{ts,tsx,mts,cts}'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./apps/web/tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: restrictedImportPaths,
          patterns: [
            ...restrictedImportPatterns,
            {
              regex: '^@app/(?!contracts$)',
              message: 'apps/web imports only @app/contracts of the libs (DESIGN.md "Layout").',
            },
          ],
        },
      ],
    },
  },

  // Tool config files: untyped (see TOOL_CONFIG_FILES), last so that nothing re-enables type-aware rules.
  {
    files: TOOL_CONFIG_FILES,
    extends: [tseslint.configs.disableTypeChecked],
  },
);
