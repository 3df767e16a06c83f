import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox announces the common events with their objects too (issue 16, P1): a mark (created, changed,
 * retracted) with its lesson date, group's class, work type and subject; an attendance entry or a remark with
 * its lesson's date, group and class. The listener then delivers them without reading anything
 * (realtime/affected.ts `carriedObjects`); other kinds, and a row whose objects do not fit in a notification
 * (~7.9 KB), keep the read after commit. The objects are read here, as the transaction commits, by primary
 * key (or the attendance's (lesson, student) key), after the per-school lock: what the event left, with every
 * change of the events numbered before it, which is what a read right after the commit gives (a change that
 * writes no outbox row — a subject renamed — and commits in the same moment may still be missed, as it could
 * be by a read). The keys are the GraphQL types' fields (MarkType, AttendanceType, RemarkType,
 * WorkTypeType, SubjectType), so the listener assigns them as they come.
 *
 * Cost to the writer: one indexed read of at most five rows, planned once per connection and made while the
 * per-school lock is held (read before it, an event could carry a lesson's date older than the event before it). Measured in PostgreSQL (20,000 calls for one mark, load 4–6 on 2 cores): 38–72 µs per
 * event against 2–5 µs for building the message alone, beside putMark's ~1.5 ms of PostgreSQL CPU (bench P5).
 * A routed mark then costs the listener no statement (live-cost.test.ts).
 */
export class Migration20261203071001_announce_objects extends Migration {
  override name = 'Migration20261203071001_announce_objects';

  override up(): void {
    this.addSql(`
create or replace function domain_event_objects(kind text, payload jsonb, student uuid) returns json language plpgsql stable as $$
declare
  uuid_re constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  key text;
  found json;
begin
  if kind in ('mark.created', 'mark.changed', 'mark.retracted') then
    key := payload->>'markId';
    if key is null or key !~ uuid_re then return null; end if;
    select json_build_object(
      'classId', g.school_class_id,
      'mark', json_build_object('id', m.id, 'value', m.value, 'weight', m.weight, 'comment', m.comment, 'enteredAt', m.entered_at,
        'backdated', m.backdated, 'retracted', m.retracted_at is not null, 'retractedAt', m.retracted_at, 'flagged', m.flagged_at is not null,
        'version', m.version, 'date', l.date, 'lessonId', m.lesson_id, 'workTypeId', m.work_type_id, 'subjectId', m.subject_id,
        'points', m.points, 'schoolId', m.school_id, 'studentId', m.student_id, 'groupId', m.group_id, 'classId', g.school_class_id),
      'workType', json_build_object('id', w.id, 'code', w.code, 'name', w.name, 'weight', w.weight, 'schoolId', w.school_id),
      'subject', json_build_object('id', s.id, 'name', s.name, 'shortName', s.short_name, 'schoolId', s.school_id))
      into found
      from mark m join lesson l on l.id = m.lesson_id join study_group g on g.id = m.group_id
      join work_type w on w.id = m.work_type_id join subject s on s.id = m.subject_id
     where m.id = key::uuid;
  elsif kind = 'attendance.changed' then
    key := payload->>'lessonId';
    if key is null or key !~ uuid_re or student is null then return null; end if;
    select json_build_object('classId', g.school_class_id,
      'attendance', json_build_object('id', a.id, 'status', a.status, 'minutesLate', a.minutes_late, 'version', a.version, 'date', l.date,
        'lessonId', a.lesson_id, 'schoolId', a.school_id, 'studentId', a.student_id, 'groupId', l.group_id, 'classId', g.school_class_id))
      into found
      from attendance a join lesson l on l.id = a.lesson_id join study_group g on g.id = l.group_id
     where a.lesson_id = key::uuid and a.student_id = student;
  elsif kind = 'remark.added' then
    key := payload->>'remarkId';
    if key is null or key !~ uuid_re then return null; end if;
    select json_build_object('classId', g.school_class_id,
      'remark', json_build_object('id', r.id, 'kind', r.kind, 'text', r.text, 'at', r.at, 'lessonId', r.lesson_id, 'authorId', r.author_id,
        'schoolId', r.school_id, 'studentId', r.student_id, 'groupId', l.group_id, 'classId', g.school_class_id))
      into found
      from remark r join lesson l on l.id = r.lesson_id join study_group g on g.id = l.group_id
     where r.id = key::uuid;
  else
    return null;
  end if;
  -- Gone (deleted before the commit): the event is announced without its object, as a read would find it.
  return coalesce(found, json_build_object('classId', null));
end $$;`);
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
  objects json;
  message text;
begin
  -- 1684956532 = 'dnet': the namespace of these advisory locks; the second key is the school.
  perform pg_advisory_xact_lock(1684956532, hashtext(new.school_id::text));
  -- Read under the lock, with a snapshot taken after it: every event numbered before this one has committed, so its
  -- changes are seen (a lesson moved by the event just before is announced moved, never the old date after it).
  objects := domain_event_objects(new.type, new.payload::jsonb, new.student_id);
  final_id := nextval('domain_event_id_seq'::regclass);
  update domain_event set id = final_id where id = new.id;
  message := json_build_object('id', final_id::text, 'schoolId', new.school_id, 'type', new.type, 'studentId', new.student_id,
    'groupId', new.group_id, 'at', new.at, 'payload', new.payload, 'objects', objects)::text;
  if objects is not null and octet_length(message) > 7900 then
    message := json_build_object('id', final_id::text, 'schoolId', new.school_id, 'type', new.type, 'studentId', new.student_id,
      'groupId', new.group_id, 'at', new.at, 'payload', new.payload)::text;
  end if;
  if octet_length(message) > 7900 then
    message := json_build_object('id', final_id::text)::text;
  end if;
  perform pg_notify('domain_event', message);
  return null;
end $$;`);
  }

  override down(): void {
    this.addSql(`
create or replace function domain_event_announce() returns trigger language plpgsql as $$
declare
  final_id bigint;
  message text;
begin
  perform pg_advisory_xact_lock(1684956532, hashtext(new.school_id::text));
  final_id := nextval('domain_event_id_seq'::regclass);
  update domain_event set id = final_id where id = new.id;
  message := json_build_object('id', final_id::text, 'schoolId', new.school_id, 'type', new.type, 'studentId', new.student_id,
    'groupId', new.group_id, 'at', new.at, 'payload', new.payload)::text;
  if octet_length(message) > 7900 then
    message := json_build_object('id', final_id::text)::text;
  end if;
  perform pg_notify('domain_event', message);
  return null;
end $$;`);
    this.addSql(`drop function if exists domain_event_objects(text, jsonb, uuid);`);
  }
}
