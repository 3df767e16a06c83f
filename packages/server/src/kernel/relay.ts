/**
 * Relay-style cursor connections: `first` items `after` an opaque cursor, with `pageInfo`. A cursor
 * names a position in one list only (its `kind`): a cursor of another list is refused, not misread.
 */
import { Field, ObjectType } from 'type-graphql';
import { badInput } from './errors.js';

@ObjectType('PageInfo', { description: 'Where a page of a connection ends and whether more follow' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page' }) endCursor!: string | null;
}

export const encodeCursor = (kind: string, position: string) => Buffer.from(`${kind}:${position}`).toString('base64url');

export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(`${kind}:`)) throw badInput('BAD_CURSOR', '`after` is not a cursor of this list.', 'after');
  return text.slice(kind.length + 1);
}

/** `first` within 1..max, or BAD_USER_INPUT naming the cap. */
export function pageSize(first: number, max: number): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badInput('OUT_OF_RANGE', `first is between 1 and ${max}.`, 'first');
  return first;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../policy/type-rule.js' {
  interface TypeSources {
    PageInfo: PageInfo;
  }
}
