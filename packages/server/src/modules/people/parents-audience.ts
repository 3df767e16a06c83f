import type { EntityManager } from '@mikro-orm/postgresql';
import { inForceSql } from '../../kernel/in-force.js';

/**
 * R-C1, R-A3 (issue 14): a conversation with all parents of a group or class belongs to the parents
 * of its students as of the day — a parent whose child left the class (or whose link to the child
 * ended) is taken out of it, the parent of a child who joined is added. Each school's day is taken
 * from `now` in the school's time zone. Run after whatever changes who the students and parents are
 * (movements, guardianship) and by the hourly lifecycle job, for changes dated in advance. In the people module:
 * it follows who the parents are, in the transaction of people's changes.
 */
export async function followParentsAudience(em: EntityManager, now: Date, schoolId: string | null = null): Promise<void> {
  // em.execute runs inside the caller's transaction (a mutation's), so it sees what that transaction wrote.
  await em.execute(FOLLOW_SQL, [now, schoolId, schoolId, now]);
}

/** One statement: the parents each PARENTS conversation should have; then who leaves and who joins. */
const FOLLOW_SQL = `
with conv as (
  select c.id, c.school_id, c.started_by_id, c.group_id, g.kind::text as group_kind,
         coalesce(g.school_class_id, c.school_class_id) as class_id,
         ((?::timestamptz) at time zone s.timezone)::date as day
  from conversation c join school s on s.id = c.school_id left join study_group g on g.id = c.group_id
  where c.kind = 'PARENTS' and (?::uuid is null or c.school_id = ?::uuid)
),
audience as (
  select distinct conv.id as conversation_id, conv.school_id, gs.parent_id
  from conv
  join lateral (
    select gm.student_id from group_member gm
     where conv.group_kind is not null and conv.group_kind <> 'WHOLE_CLASS' and gm.group_id = conv.group_id
       and ${inForceSql('gm', 'conv.day')}
    union
    select e.student_id from enrolment e
     where (conv.group_kind is null or conv.group_kind = 'WHOLE_CLASS') and e.school_class_id = conv.class_id
       and ${inForceSql('e', 'conv.day')}
  ) student on true
  join guardianship gs on gs.student_id = student.student_id
   and ${inForceSql('gs', 'conv.day')}
  where gs.parent_id <> conv.started_by_id
),
gone as (
  delete from conversation_participant p using conv
   where p.conversation_id = conv.id and p.kind = 'MEMBER' and p.user_id <> conv.started_by_id
     and not exists (select 1 from audience a where a.conversation_id = p.conversation_id and a.parent_id = p.user_id)
  returning p.id
)
insert into conversation_participant (id, school_id, conversation_id, user_id, kind, added_at)
select uuidv7(), a.school_id, a.conversation_id, a.parent_id, 'MEMBER', ?
  from audience a
 where not exists (select 1 from conversation_participant p where p.conversation_id = a.conversation_id and p.user_id = a.parent_id)`;
