import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125123927 } from './Migration20261125123927.js';
import { Migration20261125125057_school_structure } from './Migration20261125125057_school_structure.js';
import { Migration20261125125946_journal } from './Migration20261125125946_journal.js';
import { Migration20261125131002_journal_keeping_events } from './Migration20261125131002_journal_keeping_events.js';
import { Migration20261125131731_oidc } from './Migration20261125131731_oidc.js';
import { Migration20261125132007_audit_origin } from './Migration20261125132007_audit_origin.js';
import { Migration20261125132042_messaging_notifications } from './Migration20261125132042_messaging_notifications.js';
import { Migration20261125135711_journal_group_indexes } from './Migration20261125135711_journal_group_indexes.js';
import { Migration20261125140000_login_throttle } from './Migration20261125140000_login_throttle.js';
import { Migration20261125140127_session_scope } from './Migration20261125140127_session_scope.js';
import { Migration20261125150000_outbox_notify } from './Migration20261125150000_outbox_notify.js';
import { Migration20261125160000_push } from './Migration20261125160000_push.js';
import { Migration20261202080000_substitution_approval } from './Migration20261202080000_substitution_approval.js';
import { Migration20261202080000_one_writer_wins } from './Migration20261202080000_one_writer_wins.js';
import { Migration20261202080000_login_backoff } from './Migration20261202080000_login_backoff.js';
import { Migration20261202090000_user_email_unique } from './Migration20261202090000_user_email_unique.js';
import { Migration20261202100000_guardianship_dates } from './Migration20261202100000_guardianship_dates.js';
import { Migration20261202110000_live_viewer_changed } from './Migration20261202110000_live_viewer_changed.js';
import { Migration20261202110000_teacher_announcements } from './Migration20261202110000_teacher_announcements.js';
import { Migration20261202111000_teacher_lesson_files } from './Migration20261202111000_teacher_lesson_files.js';
import { Migration20261202110000_history_deadlines } from './Migration20261202110000_history_deadlines.js';

/** Applied in this order; `pnpm migration:create` writes a new file, then it is added here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261125123927', class: Migration20261125123927 },
  { name: 'Migration20261125125057_school_structure', class: Migration20261125125057_school_structure },
  { name: 'Migration20261125125946_journal', class: Migration20261125125946_journal },
  { name: 'Migration20261125131002_journal_keeping_events', class: Migration20261125131002_journal_keeping_events },
  { name: 'Migration20261125131731_oidc', class: Migration20261125131731_oidc },
  { name: 'Migration20261125132007_audit_origin', class: Migration20261125132007_audit_origin },
  { name: 'Migration20261125132042_messaging_notifications', class: Migration20261125132042_messaging_notifications },
  { name: 'Migration20261125135711_journal_group_indexes', class: Migration20261125135711_journal_group_indexes },
  { name: 'Migration20261125140000_login_throttle', class: Migration20261125140000_login_throttle },
  { name: 'Migration20261125140127_session_scope', class: Migration20261125140127_session_scope },
  { name: 'Migration20261125150000_outbox_notify', class: Migration20261125150000_outbox_notify },
  { name: 'Migration20261125160000_push', class: Migration20261125160000_push },
  { name: 'Migration20261202080000_substitution_approval', class: Migration20261202080000_substitution_approval },
  { name: 'Migration20261202080000_one_writer_wins', class: Migration20261202080000_one_writer_wins },
  { name: 'Migration20261202080000_login_backoff', class: Migration20261202080000_login_backoff },
  { name: 'Migration20261202090000_user_email_unique', class: Migration20261202090000_user_email_unique },
  { name: 'Migration20261202100000_guardianship_dates', class: Migration20261202100000_guardianship_dates },
  { name: 'Migration20261202110000_live_viewer_changed', class: Migration20261202110000_live_viewer_changed },
  { name: 'Migration20261202110000_teacher_announcements', class: Migration20261202110000_teacher_announcements },
  { name: 'Migration20261202111000_teacher_lesson_files', class: Migration20261202111000_teacher_lesson_files },
  { name: 'Migration20261202110000_history_deadlines', class: Migration20261202110000_history_deadlines },
];
