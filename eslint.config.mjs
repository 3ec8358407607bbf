// ESLint flat config. `files` globs below are relative to this folder (the repo root).
// Syntax-only (no type-aware rules), so `npm run lint` stays fast on small machines.
// The web console (apps/web/src, .ts and .tsx) gets the same rules, plus React's rules of hooks.
//
// What this file enforces (see docs/ARCHITECTURE.md):
//   - process.env is read only in libs/platform/src/config/load-config.ts
//   - lib dependency direction: platform <- identity <- portfolio <- experiments
//     <- gates <- qms <- handover <- nonconformity <- audits <- lean <- market <- insights <- management-review
//     <- evidence (a lib imports only libs to its left);
//     libs/testing may import every lib; no lib imports apps
//   - other libs are reached only through `@ambidex/<name>` (their src/index.ts):
//     no `@ambidex/<name>/<deep>`, no relative or baseUrl paths into libs/
//   - libs/*/src/domain/** is pure TypeScript (no Nest, TypeORM, BullMQ, ioredis, pg) and imports only other
//     contexts' domain entry points (`@ambidex/<name>/domain`, platform's `@ambidex/platform/errors` and
//     `@ambidex/platform/canonical-json`) and relative files inside its own domain folder
//   - `@ambidex/testing` only from tests (*.spec.ts, test/**, libs/testing/**)
//   - the console (apps/web/src) is a browser bundle: it reaches the API only through its generated client, never
//     an @ambidex lib, a node: module or the server's files
//
// Note: a later config object that sets `no-restricted-imports` replaces the options of an
// earlier one (options are not merged), so every scope below gets its complete list from
// importRestrictions().
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Left to right: a lib may import only the libs before it. */
const LIB_ORDER = [
  'platform',
  'identity',
  'portfolio',
  'experiments',
  'gates',
  'qms',
  'handover',
  'nonconformity',
  'audits',
  'lean',
  'market',
  'insights',
  'management-review',
  'evidence',
];
const ALL_LIBS = [...LIB_ORDER, 'testing'];

const TS = '**/*.ts';
/** The web console: its components are .tsx. */
const WEB = 'apps/web/src/**/*.{ts,tsx}';
const SPEC = '**/*.spec.ts';
const LOAD_CONFIG = 'libs/platform/src/config/load-config.ts';

const alt = (names) => names.join('|');

/** eslint's own "recommended" rules (the @eslint/js package is not installed), pinned here. */
const ESLINT_RECOMMENDED = [
  'constructor-super',
  'for-direction',
  'getter-return',
  'no-async-promise-executor',
  'no-case-declarations',
  'no-class-assign',
  'no-compare-neg-zero',
  'no-cond-assign',
  'no-const-assign',
  'no-constant-binary-expression',
  'no-constant-condition',
  'no-control-regex',
  'no-debugger',
  'no-delete-var',
  'no-dupe-args',
  'no-dupe-class-members',
  'no-dupe-else-if',
  'no-dupe-keys',
  'no-duplicate-case',
  'no-empty',
  'no-empty-character-class',
  'no-empty-pattern',
  'no-empty-static-block',
  'no-ex-assign',
  'no-extra-boolean-cast',
  'no-fallthrough',
  'no-func-assign',
  'no-global-assign',
  'no-import-assign',
  'no-invalid-regexp',
  'no-irregular-whitespace',
  'no-loss-of-precision',
  'no-misleading-character-class',
  'no-new-native-nonconstructor',
  'no-nonoctal-decimal-escape',
  'no-obj-calls',
  'no-octal',
  'no-prototype-builtins',
  'no-redeclare',
  'no-regex-spaces',
  'no-self-assign',
  'no-setter-return',
  'no-shadow-restricted-names',
  'no-sparse-arrays',
  'no-this-before-super',
  'no-unassigned-vars',
  'no-undef',
  'no-unexpected-multiline',
  'no-unreachable',
  'no-unsafe-finally',
  'no-unsafe-negation',
  'no-unsafe-optional-chaining',
  'no-unused-labels',
  'no-unused-private-class-members',
  'no-unused-vars',
  'no-useless-assignment',
  'no-useless-backreference',
  'no-useless-catch',
  'no-useless-escape',
  'no-with',
  'preserve-caught-error',
  'require-yield',
  'use-isnan',
  'valid-typeof',
];

// ---------------------------------------------------------------------------------------------
// process.env
// ---------------------------------------------------------------------------------------------
const ENV_MESSAGE =
  'Read configuration through AppConfig (libs/platform/src/config); process.env is read only in load-config.ts';
const processEnvSyntax = [
  'error',
  // process.env, process.env.X, process?.env
  { selector: "MemberExpression[object.name='process'][property.name='env'][computed=false]", message: ENV_MESSAGE },
  // process['env']
  { selector: "MemberExpression[object.name='process'][property.value='env']", message: ENV_MESSAGE },
  // globalThis.process.env, global.process.env
  { selector: "MemberExpression[object.property.name='process'][property.name='env']", message: ENV_MESSAGE },
  // const { env } = process
  {
    selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
    message: ENV_MESSAGE,
  },
  // import { env } from 'node:process'
  {
    selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']",
    message: ENV_MESSAGE,
  },
];

// ---------------------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------------------
const DIRECTION = LIB_ORDER.join(' <- ');

/** The entry points for domains: pure, so importing one loads no framework. Each is also a tsconfig path. */
const DOMAIN_ENTRY_POINTS = ['portfolio/domain', 'platform/errors', 'platform/canonical-json'];

/** `@ambidex/<name>/anything`: other libs are used only through their index.ts (or a domain entry point). */
const deepImport = {
  regex: `^@ambidex/(?!(?:${alt(DOMAIN_ENTRY_POINTS)})$)[^/]+/.+`,
  message:
    'Import a lib only through its public surface `@ambidex/<name>` (libs/<name>/src/index.ts) or a domain entry point ' +
    `(${DOMAIN_ENTRY_POINTS.map((e) => `@ambidex/${e}`).join(', ')}), never its internals.`,
};

/** Relative (`../../identity/src/x`, `../../../libs/x`) or baseUrl (`libs/x/src`) paths into a lib. */
const pathIntoLibs = {
  regex: `^(?:libs/|(?:\\.{1,2}/)+(?:.*/)?(?:libs(?:/|$)|(?:${alt(ALL_LIBS)})/src(?:/|$)))`,
  message:
    'Do not reach into a lib by path: import `@ambidex/<name>` (its index.ts). Within your own lib use short relative paths.',
};

/** apps/ sit on top; nothing in libs/ may import them (relative or baseUrl). */
const pathIntoApps = {
  regex: '^(?:apps/|(?:\\.{1,2}/)+(?:.*/)?apps(?:/|$))',
  message: 'libs must not import from apps/: apps depend on libs, never the other way round.',
};

const testingImport = {
  regex: '^@ambidex/testing(?:/|$)',
  message: '@ambidex/testing is for tests only (*.spec.ts, test/**, libs/testing/**).',
};

const serverInConsole = {
  // libs/ by path is pathIntoLibs; the server's apps by path: ../../../../api/src/…, ../../../shared/src/…
  regex: '^(?:@ambidex/|node:|(?:\\.{1,2}/)+(?:.*/)?(?:api|shared|worker)/src(?:/|$))',
  message:
    'The console runs in the browser: it talks to the API only through its generated client (apps/web/src/api), never importing a lib, a node: module or the server.',
};

const frameworkInDomain = {
  regex: '^(?:@nestjs/.*|(?:typeorm|bullmq|ioredis|pg)(?:/.*)?)$',
  message:
    'libs/*/src/domain is pure TypeScript: no @nestjs/*, typeorm, bullmq, ioredis or pg imports. Keep I/O in services and repositories.',
};

/** A domain reaches another context only through its pure entry point: the barrel loads services and frameworks. */
const barrelInDomain = {
  regex: '^@ambidex/[^/]+$',
  message:
    'libs/*/src/domain imports other contexts only through their domain entry points ' +
    `(${DOMAIN_ENTRY_POINTS.map((e) => `@ambidex/${e}`).join(', ')}): \`@ambidex/<name>\` loads its services, Nest and TypeORM.`,
};

/** Out of the domain folder into its own lib's services, entities or modules. */
const outOfDomain = {
  regex: '^\\.\\./',
  message:
    'libs/*/src/domain imports only files inside its own domain folder (./x); services depend on the domain, not the other way round.',
};

function libsRightOf(lib) {
  const i = LIB_ORDER.indexOf(lib);
  return i < 0 ? [] : LIB_ORDER.slice(i + 1);
}

/**
 * The complete `no-restricted-imports` options for one scope.
 * @param {{ lib?: string, test?: boolean, domain?: boolean, web?: boolean }} scope
 */
function importRestrictions({ lib, test = false, domain = false, web = false }) {
  const patterns = [deepImport, pathIntoLibs];
  if (lib) {
    patterns.push(pathIntoApps);
    const right = libsRightOf(lib);
    if (right.length > 0) {
      patterns.push({
        regex: `^@ambidex/(?:${alt(right)})(?:/|$)`,
        message: `libs/${lib} may import only libs to its left (${DIRECTION}). To react to a context on the right, publish a domain event through the outbox.`,
      });
    }
    patterns.push({
      regex: `^@ambidex/${lib}(?:/|$)`,
      message: `Inside libs/${lib} import its own files by relative path; importing its own barrel (@ambidex/${lib}) creates cycles.`,
    });
  }
  if (!test && lib !== 'testing') patterns.push(testingImport);
  if (domain) patterns.push(frameworkInDomain, barrelInDomain, outOfDomain);
  if (web) patterns.push(serverInConsole);
  return ['error', { patterns }];
}

/** Scopes in increasing precedence: the last matching object wins for `no-restricted-imports`. */
const importScopes = [
  // apps/, migrations/, scripts/, bench/ and anything else outside libs/
  { name: 'ambidex/imports/default', files: [TS], rules: { 'no-restricted-imports': importRestrictions({}) } },
  {
    name: 'ambidex/imports/tests',
    files: [SPEC, 'test/**/*.ts'],
    rules: { 'no-restricted-imports': importRestrictions({ test: true }) },
  },
  { name: 'ambidex/imports/web', files: [WEB], rules: { 'no-restricted-imports': importRestrictions({ web: true }) } },
  {
    name: 'ambidex/imports/web/specs',
    files: ['apps/web/src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': importRestrictions({ web: true, test: true }) },
  },
  ...ALL_LIBS.flatMap((lib) => [
    {
      name: `ambidex/imports/${lib}`,
      files: [`libs/${lib}/**/*.ts`],
      rules: { 'no-restricted-imports': importRestrictions({ lib }) },
    },
    {
      name: `ambidex/imports/${lib}/specs`,
      files: [`libs/${lib}/**/*.spec.ts`],
      rules: { 'no-restricted-imports': importRestrictions({ lib, test: true }) },
    },
    {
      name: `ambidex/imports/${lib}/domain`,
      files: [`libs/${lib}/src/domain/**/*.ts`],
      rules: { 'no-restricted-imports': importRestrictions({ lib, domain: true }) },
    },
    {
      name: `ambidex/imports/${lib}/domain-specs`,
      files: [`libs/${lib}/src/domain/**/*.spec.ts`],
      rules: { 'no-restricted-imports': importRestrictions({ lib, domain: true, test: true }) },
    },
  ]),
];

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    'data/',
    'artifacts/',
    'coverage/',
    // JS config files (jest.config.js, this file, ...): the codebase itself is TypeScript
    '**/*.js',
    '**/*.cjs',
    '**/*.mjs',
  ]),
  {
    name: 'ambidex/eslint-recommended',
    files: [TS, WEB],
    rules: Object.fromEntries(ESLINT_RECOMMENDED.map((rule) => [rule, 'error'])),
  },
  // also switches off the core rules TypeScript already checks (no-undef, no-redeclare, ...)
  tseslint.configs.recommended,
  {
    name: 'ambidex/base',
    files: [TS, WEB],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // NestJS modules are empty decorated classes; DTOs may be `class X extends PartialType(Y) {}`
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'no-restricted-syntax': processEnvSyntax,
    },
  },
  {
    name: 'ambidex/tests',
    files: [SPEC, 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'ambidex/web/react-hooks',
    files: [WEB],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...importScopes,
  {
    name: 'ambidex/load-config',
    files: [LOAD_CONFIG],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
