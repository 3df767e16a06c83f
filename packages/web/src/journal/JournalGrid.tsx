import { useMutation } from '@apollo/client/react';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, errorExtension } from '../apollo/errors';
import { graphql, type DocumentType } from '../gql';
import type { AttendanceStatus } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { enqueueMark, isNetworkFailure } from '../pwa/markQueue';
import { formatDate } from '../shared/dates';
import { CellDialog, SetAttendanceMutation } from './CellDialog';
import { FinalMarkDialog } from './FinalMarkDialog';
import { JournalQuery } from './JournalQuery';
import { LessonHeads, PupilRow, useStableGroups, type Attendance, type Pending, type RowDialog } from './JournalRows';
import { LessonDialog } from './LessonDialog';
import { MarkDialog } from './MarkDialog';
import { PupilDialog } from './PupilDialog';
import { ReasonDialog } from './ReasonDialog';
import { ABSENCE_STATUSES, ATTENDANCE_KEY_CODES, ATTENDANCE_KEYS, shownDraft, typeMarkKey } from './marks';

export const JournalGrid_page = graphql(`
  fragment JournalGrid_page on JournalPage {
    scale
    group {
      id
      name
      subject {
        id
        name
      }
    }
    period {
      id
      name
      startsOn
      endsOn
    }
    lessons {
      id
      date
      lessonNumber
      topic
      homework
    }
    students {
      id
      fullName
      shortName
    }
    marks {
      ...JournalGrid_mark @unmask
    }
    attendance {
      id
      lessonId
      studentId
      status
      minutesLate
      version
    }
    averages {
      studentId
      plain
      weighted
      predicted
      markCount
    }
    finalMarks {
      id
      kind
      value
      studentId
      postponedUntil
      version
    }
    workTypes {
      id
      code
      name
      weight
    }
  }
`);

/** A mark as its cell shows it; a new one is written into the page's cached answer as it is. */
export const JournalGrid_mark = graphql(`
  fragment JournalGrid_mark on Mark {
    id
    lessonId
    studentId
    value
    version
    weight
    backdated
    workType {
      id
      code
      name
    }
    ...MarkDialog_mark
  }
`);

const PutMarkMutation = graphql(`
  mutation PutMark($input: PutMarkInput!) {
    putMark(input: $input) {
      ...JournalGrid_mark @unmask
    }
  }
`);

type Page = DocumentType<typeof JournalGrid_page>;

interface Props {
  page: Page;
  editable: boolean;
  /** The reference date: today's column is highlighted and scrolled into view. */
  today: string;
  variables: { groupId: string; periodId: string };
  onChanged: () => void;
  onReload: () => void;
}

interface Pos {
  row: number;
  col: number;
}

type DialogState =
  | RowDialog
  | { kind: 'cell'; studentId: string; lessonId: string; status?: AttendanceStatus }
  | { kind: 'reason'; studentId: string; lessonId: string; value: string; workTypeId: string };

const cellKey = (studentId: string, lessonId: string) => `${studentId}:${lessonId}`;
const byStudent = (item: { studentId: string }) => item.studentId;
const DEFAULT_WORK_TYPE = 'У';
/** About a phone's screenful of pupils: painted first, the rest in the next task. */
const FIRST_ROWS = 12;

/**
 * The journal page as on paper: students down, lessons across. A teacher types marks straight
 * into the cells: a digit, then Enter or Tab saves it with the column's work type and goes to the
 * next student in the same column (Shift+Tab back, arrows anywhere); Н, Б, У, О record absences.
 */
export function JournalGrid({ page, editable, today, variables, onChanged, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { students, lessons, workTypes, scale } = page;

  const [active, setActive] = useState<Pos | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [pending, setPending] = useState<ReadonlyMap<string, Pending>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const defaultWorkTypeId = (workTypes.find((w) => w.code === DEFAULT_WORK_TYPE) ?? workTypes[0])?.id ?? '';
  const [columnWorkType, setColumnWorkType] = useState<Record<string, string>>({});
  const workTypeOf = useCallback((lessonId: string) => columnWorkType[lessonId] ?? defaultWorkTypeId, [columnWorkType, defaultWorkTypeId]);
  const chooseWorkType = useCallback((lessonId: string, workTypeId: string) => setColumnWorkType((prev) => ({ ...prev, [lessonId]: workTypeId })), []);

  const scroller = useRef<HTMLDivElement>(null);
  /** Whether the cell being clicked was already the active one when the press began. */
  const wasActive = useRef(false);
  const [putMark] = useMutation(PutMarkMutation);
  const [setAttendance] = useMutation(SetAttendanceMutation);

  const marksOf = useStableGroups(page.marks, byStudent);
  const attendanceOf = useStableGroups(page.attendance, byStudent);
  const finalMarksOf = useStableGroups(page.finalMarks, byStudent);
  const attendanceByCell = useMemo(() => new Map<string, Attendance>(page.attendance.map((a) => [cellKey(a.studentId, a.lessonId), a])), [page.attendance]);
  const averageOf = useMemo(() => new Map(page.averages.map((a) => [a.studentId, a])), [page.averages]);
  /** The cells being saved or not saved, by pupil, then lesson: a row gets only its own. */
  const pendingOf = useMemo(() => {
    const byStudentId = new Map<string, Map<string, Pending>>();
    for (const [key, value] of pending) {
      const [studentId, lessonId] = key.split(':');
      byStudentId.set(studentId, new Map(byStudentId.get(studentId)).set(lessonId, value));
    }
    return byStudentId;
  }, [pending]);
  const months = useMemo(() => {
    const spans: { key: string; label: string; span: number }[] = [];
    for (const lesson of lessons) {
      const key = lesson.date.slice(0, 7);
      const last = spans.at(-1);
      if (last?.key === key) last.span += 1;
      else spans.push({ key, label: formatDate(lesson.date, lng, { month: 'long' }), span: 1 });
    }
    return spans;
  }, [lessons, lng]);
  const todayCol = Math.max(
    0,
    lessons.findLastIndex((l) => l.date <= today),
  );

  // Open on today's column (about two thirds across), not on the period's first week; the first
  // column in view starts right after the names. Once: later the teacher scrolls. Measured in the
  // next animation frame (usually the one that paints the grid first; when the effect runs after that
  // paint, the first week shows for one frame), not in the commit: reading the columns' offsets there forces the whole grid's
  // layout inside the commit's task, one long task instead of two shorter ones.
  const openingCol = useRef(todayCol);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const todayCol = openingCol.current;
      const box = scroller.current;
      const names = box?.querySelector<HTMLElement>('.corner')?.offsetWidth ?? 0;
      const heads = [...(box?.querySelectorAll<HTMLElement>('[data-col]') ?? [])];
      const todayHead = heads[todayCol];
      if (!box || !todayHead) return;
      const wanted = todayHead.offsetLeft - names - (box.clientWidth - names) * 0.65;
      const first = heads.find((h) => h.offsetLeft - names >= wanted);
      box.scrollLeft = Math.max(0, (first?.offsetLeft ?? names) - names);
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  // The first screenful of pupils is painted first and the others a task later: the first frame's style, layout
  // and paint, the longest task of the page's load on a phone, is then about half as long.
  const [allRows, setAllRows] = useState(students.length <= FIRST_ROWS);
  useEffect(() => {
    if (allRows) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setAllRows(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [allRows]);

  // Keyboard focus follows the active cell; after a dialog closes it comes back to it, and to a cell of a row that
  // was not drawn yet when the cursor moved there (the first moment after the page opened) once it is.
  useEffect(() => {
    if (!active || dialog) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (cell && !cell.contains(document.activeElement)) cell.focus();
  }, [active, dialog, allRows]);

  function setPendingCell(key: string, value: Pending | null) {
    setPending((prev) => {
      const next = new Map(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  }

  async function save(studentId: string, lessonId: string, value: string, workTypeId: string, reason?: string) {
    const key = cellKey(studentId, lessonId);
    setPendingCell(key, { value: shownDraft(value), state: 'saving' });
    try {
      await putMark({
        variables: { input: { studentId, lessonId, value, workTypeId, ...(reason ? { reason } : {}) } },
        update(cache, { data }) {
          const mark = data?.putMark;
          if (!mark) return;
          cache.updateQuery({ query: JournalQuery, variables }, (current) =>
            current ? { journal: { ...current.journal, marks: [...current.journal.marks, mark] } } : current,
          );
        },
      });
      setPendingCell(key, null);
      onChanged();
    } catch (error) {
      // A back-dated entry: the server wants to know why (R-J5); ask, then try again.
      if (!reason && describeError(error).code === 'BAD_USER_INPUT' && errorExtension(error, 'field') === 'reason') {
        setDialog({ kind: 'reason', studentId, lessonId, value, workTypeId });
        return;
      }
      // No connection: the mark waits in the browser and is sent when the network is back (issue 10).
      const queuedLesson = lessons.find((l) => l.id === lessonId);
      const queued =
        isNetworkFailure(error) &&
        enqueueMark(
          { kind: 'mark', input: { studentId, lessonId, value, workTypeId, ...(reason ? { reason } : {}) } },
          {
            student: students.find((s) => s.id === studentId)?.shortName ?? '',
            date: queuedLesson ? formatDate(queuedLesson.date, lng, { day: 'numeric', month: 'long' }) : '',
            value: shownDraft(value),
          },
        );
      if (queued) {
        setPendingCell(key, null);
        setNotice(t('pwa.queuedNotice'));
        return;
      }
      setPendingCell(key, { value: shownDraft(value), state: 'error' });
      const student = students.find((s) => s.id === studentId);
      const lesson = lessons.find((l) => l.id === lessonId);
      setNotice(
        t('journal.saveFailed', {
          value: shownDraft(value),
          student: student?.shortName ?? '',
          date: lesson ? formatDate(lesson.date, lng, { day: 'numeric', month: 'long' }) : '',
          error: errorText(error),
        }),
      );
    }
  }

  async function recordAbsence(studentId: string, lessonId: string, status: AttendanceStatus) {
    try {
      await setAttendance({ variables: { input: { studentId, lessonId, status } } });
      onChanged();
    } catch (error) {
      // No connection: queued like a mark (issue 10).
      const lesson = lessons.find((l) => l.id === lessonId);
      const queued =
        isNetworkFailure(error) &&
        enqueueMark(
          { kind: 'attendance', input: { studentId, lessonId, status } },
          {
            student: students.find((s) => s.id === studentId)?.shortName ?? '',
            date: lesson ? formatDate(lesson.date, lng, { day: 'numeric', month: 'long' }) : '',
            value: t(`attendance.code.${status}`),
          },
        );
      setNotice(queued ? t('pwa.queuedNotice') : errorText(error));
    }
  }

  /** Saves what is typed in the active cell, if anything. */
  function commit() {
    if (active && draft) {
      const lesson = lessons[active.col];
      void save(students[active.row].id, lesson.id, draft, workTypeOf(lesson.id));
    }
    setDraft(null);
  }

  function moveTo(pos: Pos) {
    setActive({ row: Math.min(Math.max(pos.row, 0), students.length - 1), col: Math.min(Math.max(pos.col, 0), lessons.length - 1) });
  }

  /** Down the column like on paper; past the last student, the top of the next column. */
  function stepDown(pos: Pos, dir: 1 | -1): Pos | null {
    let row = pos.row + dir;
    let col = pos.col;
    if (row >= students.length) [row, col] = [0, col + 1];
    else if (row < 0) [row, col] = [students.length - 1, col - 1];
    return col < 0 || col >= lessons.length ? null : { row, col };
  }

  function openCell(pos: Pos, status?: AttendanceStatus) {
    setDialog({ kind: 'cell', studentId: students[pos.row].id, lessonId: lessons[pos.col].id, status });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
    if ((event.target as HTMLElement).closest('select, input, textarea')) return;
    const { key } = event;
    switch (key) {
      case 'Tab':
      case 'Enter': {
        const next = stepDown(active, event.shiftKey ? -1 : 1);
        commit();
        // Past the last cell Tab leaves the grid as usual.
        if (next || key === 'Enter') event.preventDefault();
        if (next) setActive(next);
        return;
      }
      case 'ArrowDown':
      case 'ArrowUp':
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        commit();
        const [dr, dc] = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[key];
        moveTo({ row: active.row + dr, col: active.col + dc });
        return;
      }
      case 'Home':
      case 'End':
        event.preventDefault();
        commit();
        moveTo({ row: active.row, col: key === 'Home' ? 0 : lessons.length - 1 });
        return;
      case 'Escape':
        if (draft !== null) {
          event.preventDefault();
          setDraft(null);
        }
        return;
      case 'Backspace':
        if (draft !== null) {
          event.preventDefault();
          setDraft(draft.length > 1 ? draft.slice(0, -1) : null);
        }
        return;
      case ' ':
      case 'F2':
        if (editable && draft === null) {
          event.preventDefault();
          openCell(active);
        }
        return;
    }
    if (!editable) return;
    const typed = typeMarkKey(scale, draft, key);
    if (typed !== null) {
      event.preventDefault();
      setPendingCell(cellKey(students[active.row].id, lessons[active.col].id), null);
      setDraft(typed);
      return;
    }
    const status = ATTENDANCE_KEYS[key.toLowerCase()] ?? ATTENDANCE_KEY_CODES[event.code];
    if (status && draft === null) {
      event.preventDefault();
      const studentId = students[active.row].id;
      const lessonId = lessons[active.col].id;
      // A new absence is one key; lateness needs minutes and a correction a reason: the panel asks.
      if (status === 'LATE' || attendanceByCell.has(cellKey(studentId, lessonId))) openCell(active, status);
      else void recordAbsence(studentId, lessonId, status);
    }
  }

  /** The cell an event in the table body happened in (its `data-cell` is "row:col"), if any. */
  function cellOf(target: EventTarget): { pos: Pos; cell: HTMLElement } | null {
    const cell = (target as HTMLElement).closest<HTMLElement>('td[data-cell]');
    if (!cell) return null;
    const [row, col] = (cell.dataset.cell ?? '').split(':').map(Number);
    return { pos: { row, col }, cell };
  }
  const isActiveCell = (pos: Pos) => active?.row === pos.row && active.col === pos.col;

  function handleFocus(event: FocusEvent<HTMLTableSectionElement>) {
    const hit = cellOf(event.target);
    if (hit && !isActiveCell(hit.pos)) {
      commit();
      setActive(hit.pos);
    }
  }

  function handleMouseDown(event: MouseEvent<HTMLTableSectionElement>) {
    const hit = cellOf(event.target);
    if (hit) wasActive.current = isActiveCell(hit.pos);
  }

  function handleClick(event: MouseEvent<HTMLTableSectionElement>) {
    // A second tap on the active cell opens it (phones have no keys to type with).
    const hit = cellOf(event.target);
    if (hit && wasActive.current && editable && event.target === hit.cell && draft === null) openCell(hit.pos);
  }

  function handleContextMenu(event: MouseEvent<HTMLTableSectionElement>) {
    const hit = cellOf(event.target);
    if (!hit || !editable) return;
    event.preventDefault();
    setActive(hit.pos);
    openCell(hit.pos);
  }

  if (students.length === 0 || lessons.length === 0) {
    return <p className="card muted">{lessons.length === 0 ? t('journal.noLessons') : t('journal.noStudents')}</p>;
  }

  const focusable = active ?? { row: 0, col: todayCol };
  const dialogStudent = dialog && 'studentId' in dialog ? students.find((s) => s.id === dialog.studentId) : undefined;
  const dialogLesson = dialog && 'lessonId' in dialog ? lessons.find((l) => l.id === dialog.lessonId) : undefined;
  const dialogMark = dialog?.kind === 'mark' ? page.marks.find((m) => m.id === dialog.markId) : undefined;
  const shortDate = (date: string) => formatDate(date, lng, { day: 'numeric', month: 'long' });

  return (
    <div className="journal-grid-wrap">
      {editable ? <p className="hint muted">{t('journal.keyboardHint')}</p> : null}
      {notice ? (
        <div className="notice notice--error" role="alert" data-testid="journal-notice">
          <span>{notice}</span>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      ) : null}
      <div className="grid-scroller" ref={scroller} onKeyDown={handleKeyDown}>
        <table
          className="journal-grid"
          role="grid"
          aria-label={t('journal.gridLabel', { group: page.group.name, subject: page.group.subject.name, period: page.period.name })}
          data-testid="journal-grid"
        >
          <thead>
            <tr className="journal-grid__months">
              <th className="corner" rowSpan={2} scope="col">
                {t('journal.student')}
              </th>
              {months.map((m) => (
                <th key={m.key} colSpan={m.span} scope="colgroup" className="month">
                  <span className="month__label">{m.label}</span>
                </th>
              ))}
              <th className="sum sum--avg" rowSpan={2} scope="col" title={t('journal.averageHint')}>
                {t('journal.average')}
              </th>
              <th className="sum sum--pred" rowSpan={2} scope="col" title={t('journal.predictedHint')}>
                {t('journal.predicted')}
              </th>
              <th className="sum sum--final" data-final="PERIOD" rowSpan={2} scope="col" title={t('journal.periodMarkHint', { period: page.period.name })}>
                {t('journal.periodMark')}
              </th>
              <th className="sum sum--final" data-final="ANNUAL" rowSpan={2} scope="col" title={t('teacherDay.finalKind.ANNUAL')}>
                {t('teacherDay.finalKind.ANNUAL').slice(0, 3)}.
              </th>
              <th className="sum sum--final" data-final="EXAM" rowSpan={2} scope="col" title={t('teacherDay.finalKind.EXAM')}>
                {t('teacherDay.finalKind.EXAM').slice(0, 3)}.
              </th>
            </tr>
            <LessonHeads
              lessons={lessons}
              today={today}
              activeCol={active?.col ?? null}
              workTypes={workTypes}
              workTypeOf={workTypeOf}
              editable={editable}
              onOpen={setDialog}
              onWorkType={chooseWorkType}
            />
          </thead>
          <tbody onFocus={handleFocus} onMouseDown={handleMouseDown} onClick={handleClick} onContextMenu={handleContextMenu}>
            {(allRows ? students : students.slice(0, FIRST_ROWS)).map((student, row) => (
              <PupilRow
                key={student.id}
                student={student}
                row={row}
                lessons={lessons}
                today={today}
                scale={scale}
                editable={editable}
                periodName={page.period.name}
                marks={marksOf.get(student.id)}
                attendance={attendanceOf.get(student.id)}
                finalMarks={finalMarksOf.get(student.id)}
                average={averageOf.get(student.id)}
                pending={pendingOf.get(student.id)}
                activeCol={active?.row === row ? active.col : null}
                draft={active?.row === row ? draft : null}
                tabCol={focusable.row === row ? focusable.col : null}
                onOpen={setDialog}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend muted">
        {ABSENCE_STATUSES.map((s) => (
          <span key={s} className="legend__item">
            <span className={`att att--${s}`}>{t(`attendance.code.${s}`)}</span> {t(`attendance.name.${s}`)}
          </span>
        ))}
        <span className="legend__item">
          <span className="mark mark--static mark--changed">4</span> {t('journal.legendChanged')}
        </span>
        <span className="legend__item">
          <span className="mark mark--static mark--backdated">4</span> {t('journal.legendBackdated')}
        </span>
      </p>

      {dialog?.kind === 'mark' && dialogMark ? (
        <MarkDialog
          mark={dialogMark}
          studentName={students.find((s) => s.id === dialogMark.studentId)?.fullName ?? ''}
          workTypes={workTypes}
          editable={editable}
          onClose={() => setDialog(null)}
          onChanged={onChanged}
          onReload={onReload}
        />
      ) : null}
      {dialog?.kind === 'pupil' && dialogStudent ? (
        <PupilDialog student={dialogStudent} lessons={lessons.filter((l) => l.date <= today)} editable={editable} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'final' && dialogStudent ? (
        <FinalMarkDialog
          groupId={page.group.id}
          period={page.period}
          student={dialogStudent}
          scale={scale}
          kind={dialog.finalKind}
          marks={page.finalMarks.filter((f) => f.studentId === dialogStudent.id)}
          onClose={() => setDialog(null)}
          onChanged={onReload}
        />
      ) : null}
      {dialog?.kind === 'lesson' && dialogLesson ? (
        <LessonDialog groupId={page.group.id} lesson={dialogLesson} editable={editable} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'cell' && dialogStudent && dialogLesson ? (
        <CellDialog
          studentId={dialogStudent.id}
          studentName={dialogStudent.fullName}
          lesson={dialogLesson}
          attendance={attendanceByCell.get(cellKey(dialogStudent.id, dialogLesson.id)) ?? null}
          initialStatus={dialog.status}
          scale={scale}
          workTypes={workTypes}
          workTypeId={workTypeOf(dialogLesson.id)}
          onPutMark={(value, workTypeId) => void save(dialogStudent.id, dialogLesson.id, value, workTypeId)}
          onClose={() => setDialog(null)}
          onChanged={onChanged}
        />
      ) : null}
      {dialog?.kind === 'reason' && dialogLesson ? (
        <ReasonDialog
          title={t('journal.backdatedTitle')}
          text={t('journal.backdatedText', { value: shownDraft(dialog.value), student: dialogStudent?.fullName ?? '', date: shortDate(dialogLesson.date) })}
          onSubmit={(reason) => {
            const { studentId, lessonId, value, workTypeId } = dialog;
            setDialog(null);
            void save(studentId, lessonId, value, workTypeId, reason);
          }}
          onClose={() => {
            setPendingCell(cellKey(dialog.studentId, dialog.lessonId), null);
            setDialog(null);
          }}
        />
      ) : null}
    </div>
  );
}
