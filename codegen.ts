import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema.graphql',
  documents: ['packages/web/src/**/*.{ts,tsx}', '!packages/web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'packages/web/src/gql/': {
      preset: 'client',
      // Apollo Client 4 has its own data masking; the preset's masking would
      // hide fragment fields from the types Apollo actually returns.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        // Enum values as string unions: they then work as i18n key parts.
        enumType: 'string-literal',
        scalars: { DateTimeISO: 'string', LocalDate: 'string' },
        defaultScalarType: 'unknown',
        // Shape the types like Apollo Client's results: `null` for missing
        // values and an always-present __typename (Apollo adds it).
        avoidOptionals: { field: true, inputValue: false },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
  },
};

export default config;
