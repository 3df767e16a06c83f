/**
 * Child process: the peer of P2, PostGraphile 5 ("amber" preset, grafserv's node adapter) over the
 * same tables of the same database, read-only (no mutations), with no authentication or row-level
 * security (it trusts every caller; ours checks the session, the consent and the policy).
 * The diary week needs "the lessons of a student between two dates", which PostGraphile exposes the
 * idiomatic way: a STABLE SQL function, `bench_peer.diary_lessons`, created in the run's database.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { serveUntilParentLeaves } from './ipc.js';

const connectionString = process.env.BENCH_DB_URL!;

/** The same lessons as the server's `lessonsOfStudent`: whole-class groups of the student's class and groups they belong to. */
const DIARY_LESSONS = `
create schema if not exists bench_peer;
create or replace function bench_peer.diary_lessons(student_id uuid, from_date date, to_date date) returns setof public.lesson
language sql stable as $$
  select l.* from lesson l join study_group g on g.id = l.group_id
  where l.date between from_date and to_date and (
    exists (select 1 from enrolment e where e.student_id = diary_lessons.student_id and g.kind = 'WHOLE_CLASS'
            and e.school_class_id = g.school_class_id and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date))
    or exists (select 1 from group_member m where m.student_id = diary_lessons.student_id and m.group_id = g.id
            and m.starts_on <= l.date and (m.ends_on is null or m.ends_on >= l.date)))
  order by l.date, l.lesson_number
$$;`;

const setup = new pg.Client({ connectionString });
await setup.connect();
await setup.query(DIARY_LESSONS);
await setup.end();

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // Read-only, like the screen it stands in for. PgIndexBehaviorsPlugin hides relations and conditions
  // on columns without an index of their own (remark.lesson_id, mark.retracted_at), which the screen needs.
  disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin', 'PgIndexBehaviorsPlugin'],
  // The same pool size as the app's ORM (MikroORM's default of 10 in orm.ts).
  pgServices: [makePgService({ connectionString, schemas: ['public', 'bench_peer'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

serveUntilParentLeaves({ url: `http://127.0.0.1:${port}` }, async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pgl.release();
});
