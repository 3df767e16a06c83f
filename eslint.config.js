// Lint with types (issue 19): typescript-eslint's type-aware rules over the server, the web app, the browser tests
// and the bench; React's hook rules in the web app. Formatting is Prettier's (`pnpm format`), not ESLint's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'packages/web/src/gql/**', 'packages/web/public/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts', 'codegen.ts'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Fragment documents (`Name_field = graphql(...)`) are declared for codegen and used by their type.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^(_|[A-Z]\\w*_\\w+$)', caughtErrors: 'none' }],
      // Static `from` constructors (`rows.map(MarkType.from)`) use no `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      // An async function without await is how an interface that wants a promise is met (plugins, iterators).
      '@typescript-eslint/require-await': 'off',
      // A module adds its part to kernel/loaders.ts's `Loaders` by declaration merging: `interface Loaders extends …Loaders {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    // The classic hook rules; the React Compiler's rules (refs, set-state-in-effect…) are for a compiler we do not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests (and the bench) read GraphQL responses as untyped JSON: the test clients answer `Record<string, any>`,
    // and the no-unsafe family would flag every line of every story. Promises are still checked there.
    files: ['**/*.test.ts', 'e2e/**', 'bench/**', 'packages/server/src/testing/**', 'packages/server/src/realtime/testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off', // WebSocket frames and CloseEvents are printed as they come
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  // CommonJS configuration (dependency-cruiser's) loads what it needs with require().
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
