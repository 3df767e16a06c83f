import type { FragmentType, TypedDocumentNode } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Kind, type DocumentNode } from 'graphql';

/** A fragment's document holds the fragments it spreads too (codegen puts its own first): Apollo wants its name. */
function ownName(fragment: DocumentNode): string | undefined {
  const [own] = fragment.definitions;
  return own?.kind === Kind.FRAGMENT_DEFINITION ? own.name.value : undefined;
}

/**
 * What a parent hands a child for the child's fragment (data masking, apollo/masking.d.ts): the
 * object's id and a reference to the fragment, never the fragment's fields themselves.
 */
export type FragmentRef<TDocument> = TDocument extends TypedDocumentNode<infer TData, unknown> ? FragmentType<TData> : never;

/**
 * A component's own fragment, read from the cache entry its parent's data points at; the component
 * re-renders when that fragment's fields change. `null` without a reference (the parent's answer has
 * not come) and while the cache lacks part of it (the store was just cleared at sign-out).
 */
export function useOwnFragment<TData>(fragment: TypedDocumentNode<TData, unknown>, from: FragmentType<TData> | null): TData | null {
  const result = useFragment<TData>({ fragment, fragmentName: ownName(fragment), from });
  return result.complete ? result.data : null;
}

/** `useOwnFragment` for a list the parent hands down (one cache entry each), in the list's order. */
export function useOwnFragments<TData>(fragment: TypedDocumentNode<TData, unknown>, from: readonly FragmentType<TData>[]): TData[] | null {
  const result = useFragment<TData>({ fragment, fragmentName: ownName(fragment), from: [...from] });
  return result.complete ? result.data : null;
}
