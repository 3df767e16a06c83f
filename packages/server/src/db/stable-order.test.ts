/**
 * The SQL of ordered reads, captured without a database (MikroORM connects lazily; the connection's
 * `execute` is replaced): the primary key ends every order, in the list's direction, and nothing else changes.
 */
import { MikroORM, raw } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationParticipant, Message } from '../modules/messaging/messaging.entity.js';
import { Consent } from '../modules/people/consent.entity.js';
import { User } from '../modules/school/index.js';
import { ormConfig } from './orm.js';

let orm: MikroORM;
const statements: string[] = [];

beforeAll(async () => {
  orm = await MikroORM.init(ormConfig('postgresql://nobody@127.0.0.1:1/none'));
  const connection = orm.em.getDriver().getConnection() as unknown as { execute: (sql: string) => Promise<unknown[]> };
  connection.execute = async (sql: string) => {
    statements.push(sql);
    return [];
  };
});
afterAll(() => orm.close());

/** The `order by …` of the one statement `read` runs, or null without one. */
async function orderOf(read: () => Promise<unknown>): Promise<string | null> {
  statements.length = 0;
  await read();
  expect(statements).toHaveLength(1);
  return /order by (.*?)( limit (\d+|\?))?$/.exec(statements[0])?.[1] ?? null;
}

describe('an ordered read', () => {
  it('ends with the primary key, in the direction of its last key', async () => {
    const em = orm.em.fork();
    expect(await orderOf(() => em.find(Consent, {}, { orderBy: { givenAt: 'desc' } }))).toBe('"c0"."given_at" desc, "c0"."id" desc');
    expect(await orderOf(() => em.find(User, {}, { orderBy: { lastName: 'asc', firstName: 'asc' } }))).toBe(
      '"u0"."last_name" asc, "u0"."first_name" asc, "u0"."id" asc',
    );
    expect(await orderOf(() => em.find(Message, {}, { orderBy: [{ sentAt: 'desc nulls last' }] }))).toBe('"m0"."sent_at" desc nulls last, "m0"."id" desc');
    // A relation's order: this entity's key, in the relation's direction.
    expect(await orderOf(() => em.find(ConversationParticipant, {}, { orderBy: { conversation: { lastMessageAt: 'desc' } } }))).toMatch(
      /"last_message_at" desc, "c0"\."id" desc$/,
    );
  });

  it('picks one row among equals in a findOne', async () => {
    expect(await orderOf(() => orm.em.fork().findOne(Consent, { student: '00000000-0000-7000-8000-000000000000' }, { orderBy: { givenAt: 'desc' } }))).toBe(
      '"c0"."given_at" desc, "c0"."id" desc',
    );
  });

  it('keeps an order by an expression, and an order that names the key already', async () => {
    const em = orm.em.fork();
    expect(await orderOf(() => em.find(Message, {}, { orderBy: [{ [raw('length(body)')]: 'desc' }] }))).toBe('length(body) desc, "m0"."id" desc');
    expect(await orderOf(() => em.find(Message, {}, { orderBy: { id: 'desc', sentAt: 'asc' } }))).toBe('"m0"."id" desc, "m0"."sent_at" asc');
  });

  it('leaves reads without an order, and grouped reads, as they are', async () => {
    const em = orm.em.fork();
    expect(await orderOf(() => em.find(Message, { id: { $in: ['00000000-0000-7000-8000-000000000000'] } }))).toBeNull();
    expect(await orderOf(() => em.find(Message, {}, { fields: ['conversation'], groupBy: ['conversation'], orderBy: { conversation: 'asc' } }))).toBe(
      '"m0"."conversation_id" asc',
    );
  });
});
