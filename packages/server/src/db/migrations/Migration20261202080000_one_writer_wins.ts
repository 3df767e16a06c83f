import { Migration } from '@mikro-orm/migrations';

/**
 * Unique keys that say what the domain says, so that concurrent writers are decided by the database
 * (issue 15): of two racing inserts one stands, the other finds the key taken.
 */
export class Migration20261202080000_one_writer_wins extends Migration {
  override name = 'Migration20261202080000_one_writer_wins';

  override up(): void | Promise<void> {
    // One final mark per student, group, kind and period. Annual, exam and final marks have no period,
    // and a plain unique key lets any number of those through (nulls are distinct): NULLS NOT DISTINCT.
    // Duplicates left by that hole are folded into the latest one entered (their audit rows stay).
    this.addSql(`delete from "final_mark" f using "final_mark" g
      where f."period_id" is null and g."period_id" is null
        and f."student_id" = g."student_id" and f."group_id" = g."group_id" and f."kind" = g."kind"
        and (f."entered_at", f."id") < (g."entered_at", g."id");`);
    this.addSql(`alter table "final_mark" drop constraint "final_mark_student_id_group_id_kind_period_id_unique";`);
    this.addSql(
      `alter table "final_mark" add constraint "final_mark_student_id_group_id_kind_period_id_unique" unique nulls not distinct ("student_id", "group_id", "kind", "period_id");`,
    );

    // A person holds a role in a school (or an authority, or the platform) once at a time: a second active
    // grant of it is revoked (the first stands, with its history).
    this.addSql(`update "role_grant" r set "revoked_at" = now() from "role_grant" o
      where r."revoked_at" is null and o."revoked_at" is null and r."user_id" = o."user_id" and r."role" = o."role"
        and r."school_id" is not distinct from o."school_id" and r."authority_id" is not distinct from o."authority_id"
        and (o."granted_at", o."id") < (r."granted_at", r."id");`);
    this.addSql(
      `create unique index "role_grant_active_unique" on "role_grant" ("user_id", "role", "school_id", "authority_id") nulls not distinct where "revoked_at" is null;`,
    );

    // One consent in force per giver and student: a second one is withdrawn as it was given.
    this.addSql(`update "consent" c set "withdrawn_at" = c."given_at" from "consent" o
      where c."withdrawn_at" is null and o."withdrawn_at" is null and c."student_id" = o."student_id" and c."given_by_id" = o."given_by_id"
        and (o."given_at", o."id") < (c."given_at", c."id");`);
    this.addSql(`create unique index "consent_in_force_unique" on "consent" ("student_id", "given_by_id") where "withdrawn_at" is null;`);

    // A student is in one class at a time: one open enrolment. Deferred to the commit, because a transfer
    // opens the new enrolment and closes the old one in the same transaction, in whichever order.
    this.addSql(`update "enrolment" e set "ends_on" = greatest(e."starts_on", n."starts_on" - 1) from "enrolment" n
      where e."ends_on" is null and n."ends_on" is null and e."student_id" = n."student_id"
        and (e."starts_on", e."id") < (n."starts_on", n."id");`);
    this.addSql(
      `alter table "enrolment" add constraint "enrolment_one_open" exclude using btree ("student_id" with =) where ("ends_on" is null) deferrable initially deferred;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "enrolment" drop constraint "enrolment_one_open";`);
    this.addSql(`drop index "consent_in_force_unique";`);
    this.addSql(`drop index "role_grant_active_unique";`);
    this.addSql(`alter table "final_mark" drop constraint "final_mark_student_id_group_id_kind_period_id_unique";`);
    this.addSql(
      `alter table "final_mark" add constraint "final_mark_student_id_group_id_kind_period_id_unique" unique ("student_id", "group_id", "kind", "period_id");`,
    );
  }
}
