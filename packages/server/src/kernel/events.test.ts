/**
 * The outbox contract (kernel/events.ts): one TypeScript type per event type, shared by writers and readers.
 * The first test is checked by the compiler (`pnpm typecheck` fails if an `@ts-expect-error` line compiles);
 * the others prove at run time that every declared type has a writer and that every reader handles it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { noticeOf } from '../modules/notifications/notices.js';
import { loadAffected } from '../realtime/affected.js';
import type { EventRecord } from '../realtime/domain-event.entity.js';
import type { OutboxRow } from '../realtime/outbox.js';
import { LIVE_TYPES, MESSAGE_TYPES } from '../realtime/realtime.types.js';
import { EVENT_TYPES, eventColumns, eventOf, type DomainEventOf, type EventType, type OutboxEvent } from './events.js';

const NOW = new Date('2026-10-05T09:00:00Z');
const TYPES = Object.keys(EVENT_TYPES) as EventType[];

/** An event the way a writer hands it over (`recordEvent`): the check is the compiler's. */
const written = (event: EventRecord) => event;

describe('the outbox contract', () => {
  it('does not compile a payload missing a field, an extra field, or a misspelt type', () => {
    const schoolId = 's';
    // @ts-expect-error `lessonId` is missing
    written({ type: 'mark.created', schoolId, payload: { markId: 'm', value: '5' } });
    // @ts-expect-error no event type "mark.craeted"
    written({ type: 'mark.craeted', schoolId, payload: { markId: 'm', lessonId: 'l', value: '5' } });
    // @ts-expect-error `points` is no field of `mark.retracted`
    written({ type: 'mark.retracted', schoolId, payload: { markId: 'm', value: '5', points: 5 } });
    // @ts-expect-error `score` is a number
    written({ type: 'exam.result', schoolId, payload: { examId: 'e', score: '80' } });
    // @ts-expect-error the SQL payload of `student.moved` misses `kind` and `toClassId`
    eventColumns('student.moved', { movementId: 'p.movement' });
    // @ts-expect-error `value` is no field of `mark.flagged`
    eventColumns('mark.flagged', { markId: 'id', value: 'value' });
    expect(written({ type: 'mark.flagged', schoolId, payload: { markId: 'm' } }).type).toBe('mark.flagged');
    expect(eventColumns('progress.report', { from: '?::text', to: '?::text' })).toBe(`'progress.report', jsonb_build_object('from', ?::text, 'to', ?::text)`);

    // Readers narrow on `type`: the payload is that type's.
    const read = (event: OutboxEvent) => (event.type === 'mark.changed' ? event.payload.oldValue : null);
    expectTypeOf(read).returns.toEqualTypeOf<string | null>();
    expectTypeOf<Extract<DomainEventOf, { type: 'attendance.changed' }>['payload']['lessonId']>().toEqualTypeOf<string>();
  });

  it('reads a row of a type this build does not know as `unknown`, keeping its stored type and payload', () => {
    expect(eventOf('test.heard', { marker: 'x' })).toEqual({ type: 'unknown', storedType: 'test.heard', payload: { marker: 'x' } });
    expect(eventOf('mark.flagged', { markId: 'm' })).toEqual({ type: 'mark.flagged', payload: { markId: 'm' } });
  });

  it('has a writer for every declared type', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return name === 'testing' || name === 'migrations' ? [] : sources(path);
        return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
      });
    // A writer names its type as `type: '…'` (recordEvent, the journal's CTEs; a ternary of two types too) or as
    // the first argument of `eventColumns`; the declarations (`*.events.ts`, kernel/events.ts) and the readers do not count.
    const writers = new Map<string, Set<string>>();
    for (const path of sources(root)) {
      if (path.endsWith('.events.ts') || path.endsWith('kernel/events.ts')) continue;
      const text = readFileSync(path, 'utf8');
      const found = [
        ...text.matchAll(/\btype:\s*(?:[^,'}\n]*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g),
        ...text.matchAll(/\beventColumns\('([\w.]+)'/g),
      ].flatMap((m) => [m[1], m[2]].filter((t): t is string => !!t));
      for (const type of found) writers.set(type, (writers.get(type) ?? new Set()).add(relative(root, path)));
    }
    expect(TYPES.filter((type) => !writers.has(type))).toEqual([]);

    // And no writer goes around the typed helpers: the entity is created by `recordEvent` only, and the SQL
    // inserts build their type and payload with `eventColumns` (the journal's with its typed `auditAndEvent`).
    const untyped = sources(root).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      const file = relative(root, path);
      if (/\.create\(DomainEvent\b/.test(text) && file !== join('realtime', 'domain-event.entity.ts')) return [file];
      const inserts = text.match(/insert into domain_event \([^)]*\)\s+(?:values|select)[^\n]*/g) ?? [];
      return inserts.some((insert) => !insert.includes('${eventColumns(') && !insert.includes('${event.type}')) ? [file] : [];
    });
    expect(untyped).toEqual([]);
  });

  it('is handled by every reader: the live streams, the message stream, the objects of live events, the notices', async () => {
    // Each table of the streams classifies every declared type, and nothing else.
    expect(Object.keys(LIVE_TYPES).sort()).toEqual([...TYPES].sort());
    expect(Object.keys(MESSAGE_TYPES).sort()).toEqual([...TYPES].sort());

    // Readers that switch on the type run every type and `unknown` without falling to their `default`: with
    // nothing in the database each finds no object and answers nothing.
    const empty = { findOne: async () => null, find: async () => [] } as unknown as EntityManager;
    const row = (type: string, id: string): OutboxRow => ({
      ...eventOf(type, {
        markId: 'm',
        finalMarkId: 'f',
        remarkId: 'r',
        lessonId: 'l',
        noticeId: 'n',
        examId: 'e',
        conversationId: 'c',
        recipientId: 'u',
        messageId: 'x',
        postId: 'p',
      }),
      id,
      schoolId: 's',
      studentId: 'st',
      groupId: 'g',
      at: NOW,
      studentIds: [],
      classIds: [],
      userIds: [],
    });
    const rows = [...TYPES, 'test.unknown'].map((type, i) => row(type, String(i + 1)));
    for (const r of rows) await expect(noticeOf(empty, r, NOW)).resolves.toBeNull();
    const affected = await loadAffected(empty, rows);
    expect(rows.filter((r) => affected.has(r.id)).map((r) => r.type)).toEqual(TYPES.filter((type) => LIVE_TYPES[type]));

    // A type no case handles reaches the `default` (the compiler refuses that in the code; here it is forced).
    const forged = { ...row('mark.flagged', '0'), type: 'mark.forged' } as unknown as OutboxRow;
    await expect(noticeOf(empty, forged, NOW)).rejects.toThrow(/unhandled outbox event/);
    await expect(loadAffected(empty, [forged])).rejects.toThrow(/unhandled outbox event/);
  });
});
