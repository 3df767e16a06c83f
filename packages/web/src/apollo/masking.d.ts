import type { GraphQLCodegenDataMasking } from '@apollo/client/masking';

// Apollo Client's data masking, typed by GraphQL Code Generator's masked types (codegen.ts:
// `inlineFragmentTypes: 'mask'`): a parent's data carries only fragment references, which
// `useFragment` and `FragmentType` resolve to the fragment's own type.
declare module '@apollo/client' {
  // Declaration merging: Apollo's own interface takes its members from the one it extends.
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
