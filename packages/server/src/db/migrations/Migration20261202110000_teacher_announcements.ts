import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17: a teacher's letter to all parents of a group or class is an announcement — one private
 * conversation per family (kind ANNOUNCEMENT), so no parent sees another's name or answer.
 */
export class Migration20261202110000_teacher_announcements extends Migration {
  override name = 'Migration20261202110000_teacher_announcements';

  override up(): void | Promise<void> {
    this.addSql(`alter type "conversation_kind" add value if not exists 'ANNOUNCEMENT';`);
  }

  override down(): void | Promise<void> {
    // PostgreSQL cannot drop an enum value; the announcements become plain conversations.
    this.addSql(`update "conversation" set "kind" = 'DIRECT' where "kind" = 'ANNOUNCEMENT';`);
  }
}
