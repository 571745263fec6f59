import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.tools/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Told about decorator metadata, consistent-type-imports leaves decorated files alone: there a
      // constructor parameter's import must stay a value import, or tsyringe loses the class.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': 'off',
    },
  },
  {
    // The dashboard's page script runs in the browser.
    files: ['packages/control-plane/ui/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        document: 'readonly',
        window: 'readonly',
        location: 'writable',
        fetch: 'readonly',
        EventSource: 'readonly',
        Node: 'readonly',
        CSS: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    // Production code never imports a test kit: a change to a kit must not break `conveyor dev`.
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    ignores: [
      '**/__tests__/**',
      '**/src/testing/**',
      // The demo is a showcase, not a package: it borrows the examples' throw-away registry and repository.
      'examples/app-build/src/demo/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/testing', '**/testing/**'],
              message:
                'testing entry points are for tests, bench and the testing kits; production code uses a production module (e.g. @conveyor-ts/core/processes).',
            },
          ],
        },
      ],
    },
  },
  {
    // The client library stays in the adapter folders, so moving to `@nats-io/*` v3 touches those only.
    // (A rule of its own name, so it adds to the testing rule above instead of replacing it.)
    files: ['packages/*/src/**/*.ts', 'examples/*/src/**/*.ts'],
    ignores: ['**/src/nats/**', '**/__tests__/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'nats',
              message:
                'only the nats/ adapter folders import the NATS client; use NatsTransport or a nats/ module.',
            },
          ],
          patterns: [
            {
              group: ['@nats-io/*'],
              message:
                'only the nats/ adapter folders import the NATS client; use NatsTransport or a nats/ module.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
