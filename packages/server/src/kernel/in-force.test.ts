import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { inForce, inForceOn, inForceSql } from './in-force.js';

describe('in force on a day', () => {
  const enrolment = { startsOn: '2026-09-01', endsOn: '2026-12-31' };

  it('counts both the first and the last day of a span of days, not the days around it', () => {
    expect(inForce(enrolment, '2026-08-31')).toBe(false);
    expect(inForce(enrolment, '2026-09-01')).toBe(true);
    expect(inForce(enrolment, '2026-12-31')).toBe(true);
    expect(inForce(enrolment, '2027-01-01')).toBe(false);
    // An open end runs on.
    expect(inForce({ startsOn: '2026-09-01', endsOn: null }, '2099-01-01')).toBe(true);
  });

  it('ends a span of moments at its end: a consent withdrawn at noon is not in force at noon', () => {
    const consent = { startsOn: new Date('2026-09-01T09:00:00Z'), endsOn: new Date('2026-09-02T12:00:00Z') };
    expect(inForce(consent, new Date('2026-09-01T08:59:59Z'), 'exclusive')).toBe(false);
    expect(inForce(consent, new Date('2026-09-01T09:00:00Z'), 'exclusive')).toBe(true);
    expect(inForce(consent, new Date('2026-09-02T11:59:59Z'), 'exclusive')).toBe(true);
    expect(inForce(consent, new Date('2026-09-02T12:00:00Z'), 'exclusive')).toBe(false);
  });

  it('writes the same test for the ORM and in SQL, on a day or on some day of a span', () => {
    expect(inForceOn('2026-09-01')).toEqual({ startsOn: { $lte: '2026-09-01' }, $or: [{ endsOn: null }, { endsOn: { $gte: '2026-09-01' } }] });
    expect(inForceOn({ first: '2026-09-01', last: '2026-09-07' })).toEqual({
      startsOn: { $lte: '2026-09-07' },
      $or: [{ endsOn: null }, { endsOn: { $gte: '2026-09-01' } }],
    });
    expect(inForceSql('e', '?::date')).toBe('e.starts_on <= ?::date and (e.ends_on is null or e.ends_on >= ?::date)');
    expect(inForceSql('h', { first: 'arg.week_start', last: 'arg.week_end' })).toBe(
      'h.starts_on <= arg.week_end and (h.ends_on is null or h.ends_on >= arg.week_start)',
    );
    expect(inForceSql('k', 'd.at', { from: 'given_at', to: 'withdrawn_at', end: 'exclusive' })).toBe(
      'k.given_at <= d.at and (k.withdrawn_at is null or k.withdrawn_at > d.at)',
    );
    // A role grant has no first day in this sense: only its contract's last day counts.
    expect(inForceSql('g', 'd.day', { from: null })).toBe('(g.ends_on is null or g.ends_on >= d.day)');
  });

  it('means the same in PostgreSQL as in TypeScript on the boundary days', async () => {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    try {
      const days = ['2026-08-31', '2026-09-01', '2026-12-31', '2027-01-01'];
      for (const span of [enrolment, { startsOn: '2026-09-01', endsOn: null }]) {
        for (const end of ['inclusive', 'exclusive'] as const) {
          const { rows } = await client.query<{ day: string; in_force: boolean }>(
            `select d.day::text as day, ${inForceSql('s', 'd.day', { end })} as in_force
               from (select $1::date as starts_on, $2::date as ends_on) s, unnest($3::date[]) as d(day) order by d.day`,
            [span.startsOn, span.endsOn, days],
          );
          expect(rows).toEqual(days.map((day) => ({ day, in_force: inForce(span, day, end) })));
        }
      }
    } finally {
      await client.end();
    }
  });
});
