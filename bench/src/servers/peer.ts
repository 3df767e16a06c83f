/**
 * Child process: the peer of P2, PostGraphile 5 ("amber" preset, grafserv's node adapter) over the
 * same tables of the same database, read-only (no mutations), doing the same authentication and
 * consent filtering as ours the PostGraphile way: every request carries a JWT (HS256, verified in
 * `grafast.context`), whose user becomes `jwt.claims.user_id` under the role `bench_parent`, and
 * row-level security policies express the diary's rule: a parent sees a pupil's marks, their history,
 * attendance, remarks, enrolments and group memberships only for their own child with consent in force
 * (guardianship not ended, consent not withdrawn). What differs: the school's structure (lessons,
 * groups, subjects, work types) and people's names are readable by every parent here, where ours
 * checks school membership; ours also records the visit (a write) and looks the session up.
 * The diary week needs "the lessons of a student between two dates", which PostGraphile exposes the
 * idiomatic way: a STABLE SQL function, `bench_peer.diary_lessons`, created in the run's database
 * (it sees no lessons for another parent's child: enrolments are filtered by the same policies).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { verify } from '../jwt.js';
import { serveUntilParentLeaves } from './ipc.js';

const connectionString = process.env.BENCH_DB_URL!;

/** Tables holding a pupil's personal diary data, each with its `student_id`. */
const PERSONAL = ['mark', 'attendance', 'remark', 'enrolment', 'group_member'];

const SETUP = `
create schema if not exists bench_peer;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'bench_parent') then create role bench_parent nologin; end if;
end $$;
grant usage on schema public, bench_peer to bench_parent;
grant select on all tables in schema public to bench_parent;

-- The rule: the signed-in user is a guardian of the pupil, the guardianship has not ended, and their consent stands.
create or replace function bench_peer.my_child(student uuid) returns boolean language sql stable as $$
  select exists (select 1 from guardianship g join consent c on c.student_id = g.student_id and c.given_by_id = g.parent_id and c.withdrawn_at is null
                  where g.parent_id = nullif(current_setting('jwt.claims.user_id', true), '')::uuid and g.student_id = student
                    and g.starts_on <= current_date and (g.ends_on is null or g.ends_on >= current_date))
$$;
${PERSONAL.map(
  (t) => `alter table ${t} enable row level security;
drop policy if exists bench_parent_own_child on ${t};
create policy bench_parent_own_child on ${t} for select to bench_parent using (bench_peer.my_child(student_id));`,
).join('\n')}
alter table mark_change enable row level security;
drop policy if exists bench_parent_own_child on mark_change;
create policy bench_parent_own_child on mark_change for select to bench_parent using (exists (select 1 from mark m where m.id = mark_id));

-- The same lessons as the server's lessonsOfStudent: whole-class groups of the student's class and groups they belong to.
create or replace function bench_peer.diary_lessons(student_id uuid, from_date date, to_date date) returns setof public.lesson
language sql stable as $$
  select l.* from lesson l join study_group g on g.id = l.group_id
  where l.date between from_date and to_date and (
    exists (select 1 from enrolment e where e.student_id = diary_lessons.student_id and g.kind = 'WHOLE_CLASS'
            and e.school_class_id = g.school_class_id and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date))
    or exists (select 1 from group_member m where m.student_id = diary_lessons.student_id and m.group_id = g.id
            and m.starts_on <= l.date and (m.ends_on is null or m.ends_on >= l.date)))
  order by l.date, l.lesson_number
$$;
grant execute on all functions in schema bench_peer to bench_parent;`;

const setup = new pg.Client({ connectionString });
await setup.connect();
await setup.query(SETUP);
await setup.end();

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // Read-only, like the screen it stands in for. PgIndexBehaviorsPlugin hides relations and conditions
  // on columns without an index of their own (remark.lesson_id, mark.retracted_at), which the screen needs.
  disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin', 'PgIndexBehaviorsPlugin'],
  // The same pool size as the app's ORM (MikroORM's default of 10 in orm.ts).
  pgServices: [makePgService({ connectionString, schemas: ['public', 'bench_peer'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: {
    explain: false,
    context(requestContext) {
      const req = (requestContext as { node?: { req: IncomingMessage } }).node?.req;
      const claims = verify(req?.headers.authorization?.replace(/^Bearer /, '') ?? '');
      if (!claims) throw new Error('Not signed in: a valid JWT is required');
      return { pgSettings: { role: 'bench_parent', 'jwt.claims.user_id': claims.sub } };
    },
  },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

serveUntilParentLeaves({ url: `http://127.0.0.1:${port}` }, async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pgl.release();
});
