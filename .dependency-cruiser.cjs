// Dependency rules on the resolved module graph (npm run deps:check). STYLE.md ("What we take from
// whom": layer rules enforced by dependency-cruiser, after domain-driven-hexagon) and DESIGN.md
// ("Layout") are the sources; each rule names the sentence it enforces. eslint.config.mjs repeats
// the per-file import restrictions for the editor; this file is the one that sees the whole graph,
// type-only and dynamic imports included.

// Test code: *.spec.ts, *.int-spec.ts, *.e2e-spec.ts (any *.<kind>-spec.ts) wherever they are, test/,
// and libs/testing, which is test code only (DESIGN.md "Layout").
const TEST_CODE = ['\\.[a-z0-9-]*spec\\.tsx?$', '^test/', '^libs/testing/'];
// Frameworks and drivers libs/contracts must stay free of (DESIGN.md: "framework-free").
const FRAMEWORKS =
  '(^|/)node_modules/(@nestjs|typeorm|pg|pg-[^/]+|bullmq|ioredis|@fastify|fastify|class-validator|class-transformer|reflect-metadata|rxjs|react|react-dom)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": no cycles between libs; STYLE.md: cycles are what make Nest need forwardRef. ' +
        'Type-only imports count (they are a design cycle all the same). The one exception is a cycle made ' +
        'only of TypeORM entity files, which bidirectional relations (`() => Other`) require.',
      from: {},
      to: { circular: true, via: { pathNot: '\\.entity\\.ts$' } },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'DESIGN.md "Layout": no lib imports an app; apps are composition roots.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": apps/api and apps/worker are separate entry points and never import each other; ' +
        'apps/web is built on its own and shares only libs/contracts with the server.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-to-lib-through-index-only',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": a lib reaches another only through its public index.ts; ' +
        'STYLE.md "Inside a lib": across libs, only @app/<lib>.',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'outside-libs-through-index-only',
      severity: 'error',
      comment:
        'DESIGN.md "Layout" / STYLE.md "Inside a lib": apps, migrations and test suites also reach a lib ' +
        'only through @app/<lib> (its src/index.ts).',
      from: { pathNot: '^libs/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'contracts-framework-free',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": contracts holds framework-free enums, permission names and API types shared by ' +
        'api and web, so it imports no other lib, no framework or driver and no Node built-in (web bundles it).',
      from: { path: '^libs/contracts/' },
      to: {
        path: ['^libs/(?!contracts/)', '^apps/', FRAMEWORKS],
      },
    },
    {
      name: 'contracts-no-node-builtins',
      severity: 'error',
      comment: 'DESIGN.md "Layout": contracts is bundled into apps/web, where Node built-ins do not exist.',
      from: { path: '^libs/contracts/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'auth-only-platform-contracts',
      severity: 'error',
      comment: 'DESIGN.md "Layout": auth sits under the domain libs; of the libs it uses platform and contracts only.',
      from: { path: '^libs/auth/' },
      to: { path: '^libs/', pathNot: '^libs/(auth|platform|contracts)/' },
    },
    {
      name: 'reminders-no-domain-lib',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": reminders is a store, scheduler and delivery service the domain libs feed; it ' +
        'imports no domain lib (platform and contracts only).',
      from: { path: '^libs/reminders/' },
      to: { path: '^libs/', pathNot: '^libs/(reminders|platform|contracts)/' },
    },
    {
      name: 'reporting-statistics-only-platform-contracts',
      severity: 'error',
      comment:
        'STYLE.md "Inside a lib": reporting and statistics read (SQL, views) and never call another lib\'s ' +
        'write methods; for now they import platform and contracts only.',
      from: { path: '^libs/(reporting|statistics)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/(platform|contracts)/'] },
    },
    {
      name: 'web-only-contracts',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": apps/web (the React SPA) shares libs/contracts with the server and nothing else ' +
        'of the repository; everything else it uses comes from node_modules.',
      from: { path: '^apps/web/' },
      to: { pathNot: ['^apps/web/', '^libs/contracts/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'testing-only-from-tests',
      severity: 'error',
      comment: 'DESIGN.md "Layout": libs/testing holds factories, scenarios and the test-app builder, test code only.',
      from: { pathNot: TEST_CODE },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'production-not-to-test',
      severity: 'error',
      comment:
        'DESIGN.md "Layout": test/ holds the e2e, browser, fault and bench suites; the product never imports them.',
      from: { pathNot: TEST_CODE },
      to: { path: '^test/' },
    },
    {
      name: 'server-not-to-dev-dependencies',
      severity: 'error',
      comment:
        'The server image installs production dependencies only: api, worker, libs and migrations must not ' +
        'import a devDependency at run time (type-only imports are erased and allowed).',
      from: {
        path: '^(apps/(api|worker)|libs|migrations)/',
        pathNot: [...TEST_CODE, '^libs/contracts/'],
      },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-packages',
      severity: 'error',
      comment:
        'A package imported at run time but not in package.json works only while something else pulls it in; ' +
        'declare it. Type-only imports are left to tsc, which fails if the types stop resolving.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import resolves, @app/* aliases included; an unresolved one would also slip past every rule above. ' +
        "Vite's query imports (`./x.svg?url`) and virtual modules are resolved by Vite only.",
      from: {},
      to: { couldNotResolve: true, pathNot: ['\\?', '^virtual:', '^/'] },
    },
  ],
  options: {
    // `@app/*` is resolved with the root tsconfig's `paths`. apps/web has its own tsconfig; its files are
    // resolved with the root one too, which is enough as long as apps/web imports its own files
    // relatively and libs/contracts as `@app/contracts`.
    tsConfig: { fileName: 'tsconfig.json' },
    // Keep type-only imports in the graph: a type dependency between libs is a dependency all the same.
    tsPreCompilationDeps: true,
    doNotFollow: { path: '(^|/)node_modules/' },
    // Anchored at the root: an unanchored `dist/` would also drop every package whose entry point is under
    // node_modules/<pkg>/dist/, and the rules on framework imports would silently pass.
    exclude: { path: '^(dist|coverage|test-results|\\.envol|\\.bench|apps/web/dist)/' },
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      // Packages such as @mantine/core, react-router and bullmq expose entry points via "exports".
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'browser', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
