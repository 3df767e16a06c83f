import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentType } from '../gql';
import type { GradingScale } from '../gql/graphql';
import { formatDate } from '../shared/dates';
import { hyphenate } from '../shared/hyphenate';
import type { JournalGrid_mark, JournalGrid_page } from './JournalGrid';
import { formatAverage, markTone, shownDraft } from './marks';

/*
 * The grid's rows and its lessons' heads, each a memoised component: moving the cursor or typing a digit
 * renders the row it leaves and the row it enters (and the heads, for the column's highlight), not a
 * thousand cells; a saved mark renders its pupil's row. Each row is also a unit React can pause between
 * when it renders the page in the background. Cells carry no handlers of their own: the grid listens once
 * on the table body and finds the cell by its `data-cell` (see JournalGrid).
 */

type Page = DocumentType<typeof JournalGrid_page>;
export type Mark = DocumentType<typeof JournalGrid_mark>;
export type Attendance = Page['attendance'][number];
type FinalMark = Page['finalMarks'][number];
type Lesson = Page['lessons'][number];
type Student = Page['students'][number];
type WorkType = Page['workTypes'][number];

/** The grid's ИТОГ columns (R-J6): the period's mark, then the year's and the exam's. */
export const FINAL_COLUMNS = ['PERIOD', 'ANNUAL', 'EXAM'] as const;
export type FinalColumn = (typeof FINAL_COLUMNS)[number];

export interface Pending {
  value: string;
  state: 'saving' | 'error';
}

/** What a click in a row or a head opens: the grid shows the dialog. */
export type RowDialog =
  | { kind: 'mark'; markId: string }
  | { kind: 'lesson'; lessonId: string }
  | { kind: 'pupil'; studentId: string }
  | { kind: 'final'; studentId: string; finalKind: FinalColumn };

/**
 * `items` grouped by `keyOf`, keeping last time's array for a key whose items are the same objects as then:
 * Apollo hands back the very objects that did not change, so a new mark re-groups the page but leaves
 * every other pupil's row its old props (and the row is not rendered again).
 */
export function useStableGroups<T>(items: readonly T[], keyOf: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const previous = useRef<ReadonlyMap<string, readonly T[]>>(new Map());
  return useMemo(() => {
    const fresh = new Map<string, T[]>();
    for (const item of items) {
      const key = keyOf(item);
      const group = fresh.get(key);
      if (group) group.push(item);
      else fresh.set(key, [item]);
    }
    const kept = new Map<string, readonly T[]>();
    for (const [key, group] of fresh) {
      const old = previous.current.get(key);
      kept.set(key, old && old.length === group.length && old.every((item, i) => item === group[i]) ? old : group);
    }
    previous.current = kept;
    return kept;
    // keyOf is a plain accessor, fixed per call site
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);
}

interface HeadsProps {
  lessons: readonly Lesson[];
  today: string;
  activeCol: number | null;
  workTypes: readonly WorkType[];
  /** The work type each column's new marks get, by lesson id. */
  workTypeOf: (lessonId: string) => string;
  editable: boolean;
  onOpen: (dialog: RowDialog) => void;
  onWorkType: (lessonId: string, workTypeId: string) => void;
}

/** The row of lesson heads: date, the column's work type, the topic. */
export const LessonHeads = memo(function LessonHeads({ lessons, today, activeCol, workTypes, workTypeOf, editable, onOpen, onWorkType }: HeadsProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  return (
    <tr className="journal-grid__lessons">
      {lessons.map((lesson, col) => {
        const classes = ['lesson-head'];
        if (lesson.date === today) classes.push('is-today');
        if (lesson.date > today) classes.push('is-future');
        if (activeCol === col) classes.push('is-active');
        const details = [lesson.topic, lesson.homework && `${t('diary.homework')}: ${lesson.homework}`].filter(Boolean).join('\n');
        const shortDate = formatDate(lesson.date, lng, { day: 'numeric', month: 'long' });
        return (
          <th key={lesson.id} scope="col" className={classes.join(' ')} data-col={col}>
            <button
              type="button"
              className="lesson-head__date"
              tabIndex={-1}
              onClick={() => onOpen({ kind: 'lesson', lessonId: lesson.id })}
              title={details || t('journal.editLesson')}
              data-testid={`lesson-${lesson.id}`}
            >
              {/* The name is the visible text, then the date in words (a label that replaced it would not say what is seen). */}
              <span className="lesson-head__day">{formatDate(lesson.date, lng, { day: '2-digit' })}</span>
              <span className="lesson-head__meta">
                {formatDate(lesson.date, lng, { weekday: 'short' })} · {lesson.lessonNumber}
              </span>
              <span className="visually-hidden">, {t('cellDialog.subtitle', { date: shortDate, n: lesson.lessonNumber })}</span>
            </button>
            <select
              className="worktype-select"
              value={workTypeOf(lesson.id)}
              disabled={!editable}
              tabIndex={-1}
              aria-label={t('journal.workTypeFor', { date: shortDate })}
              onChange={(e) => onWorkType(lesson.id, e.target.value)}
              data-testid={`worktype-${lesson.id}`}
            >
              {workTypes.map((w) => (
                <option key={w.id} value={w.id} title={w.name}>
                  {w.code}
                </option>
              ))}
            </select>
            {lesson.topic ? (
              <span className="lesson-head__topic" title={lesson.topic}>
                {hyphenate(lesson.topic)}
              </span>
            ) : lesson.date <= today ? (
              <span className="lesson-head__topic is-empty">{t('journal.noTopic')}</span>
            ) : null}
          </th>
        );
      })}
    </tr>
  );
});

interface RowProps {
  student: Student;
  row: number;
  lessons: readonly Lesson[];
  today: string;
  scale: GradingScale;
  editable: boolean;
  periodName: string;
  marks: readonly Mark[] | undefined;
  attendance: readonly Attendance[] | undefined;
  finalMarks: readonly FinalMark[] | undefined;
  average: Page['averages'][number] | undefined;
  /** This pupil's cells being saved or not saved, by lesson id. */
  pending: ReadonlyMap<string, Pending> | undefined;
  /** The active cell's column when it is in this row. */
  activeCol: number | null;
  /** What is being typed into the active cell (this row's only). */
  draft: string | null;
  /** The column of this row's cell in the tab order (the grid has one), if it is in this row. */
  tabCol: number | null;
  onOpen: (dialog: RowDialog) => void;
}

/** One pupil: name, a cell per lesson (absence, marks, a mark being typed or saved), average, forecast, final marks. */
export const PupilRow = memo(function PupilRow(props: RowProps) {
  const { student, row, lessons, today, scale, editable, periodName, average, pending, activeCol, draft, tabCol, onOpen } = props;
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const marksOf = useMemo(() => {
    const byLesson = new Map<string, Mark[]>();
    for (const m of props.marks ?? []) byLesson.set(m.lessonId, [...(byLesson.get(m.lessonId) ?? []), m]);
    return byLesson;
  }, [props.marks]);
  const attendanceOf = useMemo(() => new Map((props.attendance ?? []).map((a) => [a.lessonId, a])), [props.attendance]);
  return (
    <tr className={activeCol !== null ? 'is-active' : undefined}>
      <th scope="row" className="student-head" title={student.fullName}>
        <span className="student-head__n">{row + 1}</span>
        <button
          type="button"
          className="student-head__name link-button"
          tabIndex={-1}
          onClick={() => onOpen({ kind: 'pupil', studentId: student.id })}
          data-testid={`pupil-${student.id}`}
        >
          {student.shortName}
        </button>
      </th>
      {lessons.map((lesson, col) => {
        const isActive = activeCol === col;
        const attendance = attendanceOf.get(lesson.id);
        const pend = pending?.get(lesson.id);
        const classes = ['cell'];
        if (isActive) classes.push('is-active');
        if (lesson.date === today) classes.push('is-today');
        if (lesson.date > today) classes.push('is-future');
        return (
          <td
            key={lesson.id}
            role="gridcell"
            className={classes.join(' ')}
            tabIndex={tabCol === col ? 0 : -1}
            aria-selected={isActive}
            data-cell={`${row}:${col}`}
            data-testid={`cell-${student.id}-${lesson.id}`}
          >
            {attendance ? (
              <span
                className={`att att--${attendance.status}`}
                title={t(`attendance.name.${attendance.status}`) + (attendance.minutesLate ? `, ${attendance.minutesLate} ${t('journal.minutes')}` : '')}
              >
                {t(`attendance.code.${attendance.status}`)}
              </span>
            ) : null}
            {marksOf.get(lesson.id)?.map((m) => (
              <button
                key={m.id}
                type="button"
                tabIndex={-1}
                className={`mark tone-${markTone(m.value, scale)}${m.version > 1 ? ' mark--changed' : ''}${m.backdated ? ' mark--backdated' : ''}`}
                title={t('journal.markTitle', { value: m.value, workType: m.workType.name, weight: m.weight })}
                onClick={() => onOpen({ kind: 'mark', markId: m.id })}
                data-testid={`mark-${m.id}`}
              >
                {m.value}
                <sup>{m.workType.code}</sup>
              </button>
            ))}
            {pend ? (
              <span className={`draft draft--${pend.state}`} title={pend.state === 'saving' ? t('journal.saving') : t('journal.notSaved')}>
                {pend.value}
              </span>
            ) : null}
            {isActive && draft !== null ? (
              <span className="draft draft--typing" data-testid="cell-draft">
                {shownDraft(draft)}
              </span>
            ) : null}
          </td>
        );
      })}
      <td
        className="sum sum--avg"
        data-testid={`average-${student.id}`}
        title={average?.plain ? t('journal.plainAverage', { value: formatAverage(average.plain, lng) }) : undefined}
      >
        {average?.weighted ? formatAverage(average.weighted, lng) : '—'}
      </td>
      <td className="sum sum--pred" data-testid={`predicted-${student.id}`}>
        {average?.predicted != null ? <span className={`mark mark--static tone-${markTone(String(average.predicted), scale)}`}>{average.predicted}</span> : '—'}
      </td>
      {FINAL_COLUMNS.map((finalKind) => {
        const mark = props.finalMarks?.find((f) => f.kind === finalKind);
        const shown = mark?.value ? <strong>{mark.value}</strong> : mark?.postponedUntil ? '…' : '—';
        const testId = finalKind === 'PERIOD' ? `period-mark-${student.id}` : `final-${finalKind}-${student.id}`;
        return (
          <td key={finalKind} className="sum sum--final" data-final={finalKind} data-testid={testId}>
            {editable ? (
              <button
                type="button"
                className="final-button"
                tabIndex={-1}
                aria-label={`${t(`teacherDay.finalKind.${finalKind}`, { period: periodName })}: ${student.shortName}`}
                onClick={() => onOpen({ kind: 'final', studentId: student.id, finalKind })}
              >
                {shown}
              </button>
            ) : (
              shown
            )}
          </td>
        );
      })}
    </tr>
  );
});
