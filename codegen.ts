import type { CodegenConfig } from '@graphql-codegen/cli';
import { Kind, visit, type DocumentNode, type FieldNode } from 'graphql';

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Apollo's cache adds __typename to every selection set but an operation's own before it sends a
 * document: the manifest holds the documents as Apollo sends them (and the cache finds its __typename).
 */
const addTypenameAsApolloDoes = {
  transform: ({ documents }: { documents: { document?: DocumentNode }[] }) =>
    documents.map((file) => ({
      ...file,
      document:
        file.document &&
        visit(file.document, {
          SelectionSet(node, _key, parent) {
            if (parent && !Array.isArray(parent) && (parent as { kind?: Kind }).kind === Kind.OPERATION_DEFINITION) return undefined;
            if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
            return { ...node, selections: [...node.selections, TYPENAME] };
          },
        }),
    })),
};

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema.graphql',
  // The web app's unit tests make up documents of their own (against no schema): they are not the app's.
  documents: ['packages/web/src/**/*.{ts,tsx}', '!packages/web/src/gql/**', '!packages/web/src/**/*.test.ts'],
  ignoreNoDocuments: true,
  generates: {
    'packages/web/src/gql/': {
      preset: 'client',
      // Masking is Apollo Client's (`dataMasking` in apollo/client.ts, at run time): the preset's own
      // type-only masking and its useFragment stay off; the types below are masked the way Apollo masks.
      // persistedDocuments: persisted-documents.json (SHA-256 → document), the server's trusted documents;
      // the production build sends the hash instead of the text.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      documentTransforms: [addTypenameAsApolloDoes],
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
        // Apollo Client's data masking: a spread fragment's fields are left out of the parent's type
        // (its component reads them with useFragment) unless the spread says `@unmask`.
        inlineFragmentTypes: 'mask',
        customDirectives: { apolloUnmask: true },
      },
    },
  },
  // The manifest holds the documents as Apollo sends them, without the client's `@unmask`.
  hooks: { afterAllFileWrite: ['node packages/web/scripts/persisted-as-sent.mjs'] },
};

export default config;
