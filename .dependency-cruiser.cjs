// The server's layers (issue 19), checked by dependency-cruiser in `pnpm lint` (so in `pnpm test`).
// Lowest first: kernel → policy → modules → graphql → app → main; ops/ and testing/ above app.
// Imports run down (or inside a layer); type-only imports count too. docs/ARCHITECTURE.md, "Layers", says what
// each layer holds and the modules' order.
const SRC = '^packages/server/src/';

/** Each layer's files, lowest first. A file not listed is in no layer and fails `every-file-has-a-layer`. */
const LAYERS = [
  {
    name: 'kernel',
    paths: [
      'kernel/',
      'config\\.ts$',
      // Infrastructure without a domain: SQL helpers, the database's own settings, the outbox row and its writer,
      // the fan-out channel names. They stay where they are (the realtime/ and db/ folders) but sit on the floor.
      'db/(update-while|database|embedded-postgres|server-setting\\.entity)\\.ts$',
      'realtime/(domain-event\\.entity|outbox|publisher)\\.ts$',
    ],
  },
  { name: 'policy', paths: ['policy/(?!abilities\\.ts$)'] },
  {
    name: 'modules',
    // policy/abilities.ts (what the viewer may do, asked of the modules' own rules) is made of the modules, so it
    // stands with them, above the policy it uses.
    paths: ['modules/', 'policy/abilities\\.ts$'],
  },
  {
    name: 'graphql',
    // The schema and request context, and what serves the API live over the outbox (subscriptions, kept screens' feed),
    // the ORM (its entity list is the modules') and the migrations.
    paths: [
      'graphql/',
      'realtime/(?!testing/|(domain-event\\.entity|outbox|publisher)\\.ts$)',
      'db/(entities|orm|readiness|create-migration)\\.ts$',
      'db/migrations/',
    ],
  },
  { name: 'app', paths: ['app\\.ts$', 'jobs/'] },
  { name: 'ops', paths: ['ops/', '(realtime/)?testing/', 'db/seeders/'] },
  { name: 'main', paths: ['main\\.ts$'] },
];

const pathOf = (layer) => `${SRC}(${layer.paths.join('|')})`;
/** Story tests are not cruised (options.exclude); the harness and fixtures stand above everything they build. */
const HARNESS = `${SRC}((realtime/)?testing/|.*\\.fixture\\.ts$)`;

/**
 * The modules, lowest first: read from the list in modules/index.ts, the one place their order is written. A module
 * imports only modules before it (`module-order`), through their index.ts (`module-only-through-index`).
 */
const modulesList = require('node:fs').readFileSync(`${__dirname}/packages/server/src/modules/index.ts`, 'utf8');
const listed = /export const modules\b[^=]*=\s*\[([^\]]*)\]/.exec(modulesList)?.[1] ?? '';
const MODULE_ORDER = [...listed.matchAll(/\b(\w+)Module\b/g)].map((m) => m[1]);
if (MODULE_ORDER.length < 2) throw new Error('No list of modules found in packages/server/src/modules/index.ts');
const moduleOrderRules = MODULE_ORDER.slice(0, -1).map((name, i) => ({
  name: 'module-order',
  comment: `${name} imports only the modules before it in modules/index.ts (not ${MODULE_ORDER.slice(i + 1).join(', ')})`,
  severity: 'error',
  from: { path: `${SRC}modules/${name}/`, pathNot: HARNESS },
  to: { path: `${SRC}modules/(${MODULE_ORDER.slice(i + 1).join('|')})/` },
}));

/** The imports allowed to run up a layer, at most 3, each with why: { from, to, why } (file paths under src/). */
const UPWARD = [
  // The policy's type rules are typed by TypeSources each module declares (policy/type-rule.ts), so policy/policy.ts
  // reads no module's types.
  {
    from: 'kernel/module.ts',
    to: 'policy/module-rules.ts',
    why: "a module's definition carries its read and write rules (type only), typed by the policy's rule types",
  },
];

if (UPWARD.length > 3) throw new Error('At most 3 imports may run up a layer (issue 19).');
const esc = (file) => file.replace(/\./g, '\\.');
const upwardFrom = (layer) => UPWARD.filter((u) => new RegExp(pathOf(layer)).test(`packages/server/src/${u.from}`));
const layerRules = LAYERS.slice(0, -1).flatMap((layer, i) => {
  const higher = LAYERS.slice(i + 1).map(pathOf);
  const rule = (name, from, toNot) => ({
    name,
    comment: `${layer.name} imports nothing from a higher layer (${LAYERS.slice(i + 1)
      .map((l) => l.name)
      .join(', ')})`,
    severity: 'error',
    from,
    to: { path: higher, pathNot: toNot },
  });
  return [
    rule(`layer-${layer.name}`, { path: pathOf(layer), pathNot: [HARNESS, ...upwardFrom(layer).map((u) => `${SRC}${esc(u.from)}$`)] }, []),
    ...upwardFrom(layer).map((u) => rule(`layer-${layer.name}-allowed-upward`, { path: `${SRC}${esc(u.from)}$` }, [`${SRC}${esc(u.to)}$`])),
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import loops, type-only imports included (tsPreCompilationDeps).',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
    {
      name: 'modules-not-into-graphql',
      comment: 'A module gives its resolvers to graphql/ (modules/index.ts) and never imports it.',
      severity: 'error',
      from: { path: `${SRC}modules/` },
      to: { path: `${SRC}graphql/` },
    },
    {
      name: 'module-only-through-index',
      comment: "A module uses another module only through that module's index.ts (its public surface).",
      severity: 'error',
      from: { path: `${SRC}modules/([^/]+)/`, pathNot: HARNESS },
      to: { path: `${SRC}modules/([^/]+)/`, pathNot: [`${SRC}modules/$1/`, `${SRC}modules/[^/]+/index\\.ts$`] },
    },
    {
      name: 'module-only-through-index',
      comment:
        'Every file outside modules/ (graphql/, realtime/, jobs/, app.ts, ops/, main.ts...) uses a module only through its index.ts. ' +
        'Tests are not cruised; the test harness (testing/), fixtures and the seeders that build test and demo worlds (db/seeders/) may ' +
        "import module files. So may policy/abilities.ts, which stands with the modules and reads their rules' files: the auth " +
        "module's resolver asks it, and through audit's or notifications' index.ts it would import auth again (a loop).",
      severity: 'error',
      from: { path: SRC, pathNot: [`${SRC}modules/`, `${SRC}policy/abilities\\.ts$`, HARNESS, `${SRC}db/seeders/`] },
      to: { path: `${SRC}modules/[^/]+/`, pathNot: `${SRC}modules/[^/]+/index\\.ts$` },
    },
    ...moduleOrderRules,
    ...layerRules,
    {
      name: 'every-file-has-a-layer',
      comment: 'A new folder of the server is placed in a layer here first.',
      severity: 'error',
      from: { path: SRC, pathNot: [...LAYERS.map(pathOf), HARNESS] },
      to: {},
    },
  ],
  options: {
    includeOnly: SRC,
    exclude: { path: `${SRC}.*\\.test\\.ts$` },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'packages/server/tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
