import { Migration } from '@mikro-orm/migrations';

/**
 * Live connections keep their viewer per process (policy/viewer.ts, `ViewerCache`); these triggers say
 * when one is out of date, whoever writes (a service, the lifecycle job, an import, plain SQL):
 * `pg_notify('viewer_changed', <user id>)` when a fact of one person's viewer changes, `'*'` when the
 * change may touch anyone's (an enrolment or a group membership moves pupils and children). PostgreSQL
 * delivers them at commit, in commit order with the outbox's `domain_event` notifications on the same
 * listener, and sends a payload once per transaction: an import of a thousand rows notifies once.
 *
 * What each viewer fact is read from (auth.service.ts, VIEWER_COLUMNS): role_grant (grants), session and
 * app_user (whether there is a viewer at all), guardianship (children), consent (consented children,
 * one's own diary), school_class and academic_year (led classes), teaching_assignment (taught groups),
 * lesson's substitution (substituted lessons), enrolment, group_member and study_group (pupils).
 */
export class Migration20261202110000_live_viewer_changed extends Migration {
  override name = 'Migration20261202110000_live_viewer_changed';

  override up(): void {
    this.addSql(`
create or replace function viewer_changed() returns trigger language plpgsql as $$
declare
  rec record;
  who text;
begin
  -- TG_ARGV names the columns holding the people whose viewers the row is part of; none: everybody's.
  if TG_NARGS = 0 then
    perform pg_notify('viewer_changed', '*');
    return null;
  end if;
  foreach who in array TG_ARGV loop
    if TG_OP <> 'INSERT' then
      rec := old;
      if to_jsonb(rec) ->> who is not null then perform pg_notify('viewer_changed', to_jsonb(rec) ->> who); end if;
    end if;
    if TG_OP <> 'DELETE' then
      rec := new;
      if to_jsonb(rec) ->> who is not null then perform pg_notify('viewer_changed', to_jsonb(rec) ->> who); end if;
    end if;
  end loop;
  return null;
end $$;`);
    const perPerson: [table: string, columns: string[], events: string][] = [
      ['role_grant', ['user_id'], 'insert or update or delete'],
      ['session', ['user_id'], 'update or delete'],
      ['app_user', ['id'], 'update of active, login or delete'],
      ['guardianship', ['parent_id'], 'insert or update or delete'],
      ['consent', ['given_by_id', 'student_id'], 'insert or update or delete'],
      ['teaching_assignment', ['teacher_id'], 'insert or update or delete'],
      ['school_class', ['class_teacher_id'], 'insert or update of class_teacher_id, year_id or delete'],
      ['lesson', ['substitute_id'], 'update of substitute_id, substitution_approved_at, date, group_id or delete'],
    ];
    for (const [table, columns, events] of perPerson) {
      this.addSql(
        `create trigger "${table}_viewer_changed" after ${events} on "${table}" for each row execute function viewer_changed(${columns.map((c) => `'${c}'`).join(', ')});`,
      );
    }
    // A lesson created with its substitute already named (rare) is a change of that person's viewer too.
    this.addSql(
      `create trigger "lesson_viewer_changed_insert" after insert on "lesson" for each row when (new.substitute_id is not null) execute function viewer_changed('substitute_id');`,
    );
    const everybody: [table: string, events: string][] = [
      ['enrolment', 'insert or update or delete'],
      ['group_member', 'insert or update or delete'],
      ['study_group', 'update of kind, school_class_id or delete'],
      ['academic_year', 'update of starts_on, closed_at or delete'],
    ];
    for (const [table, events] of everybody) {
      this.addSql(`create trigger "${table}_viewer_changed" after ${events} on "${table}" for each statement execute function viewer_changed();`);
    }
  }

  override down(): void {
    for (const table of [
      'role_grant',
      'session',
      'app_user',
      'guardianship',
      'consent',
      'teaching_assignment',
      'school_class',
      'lesson',
      'enrolment',
      'group_member',
      'study_group',
      'academic_year',
    ]) {
      this.addSql(`drop trigger if exists "${table}_viewer_changed" on "${table}";`);
    }
    this.addSql(`drop trigger if exists "lesson_viewer_changed_insert" on "lesson";`);
    this.addSql(`drop function if exists viewer_changed();`);
  }
}
