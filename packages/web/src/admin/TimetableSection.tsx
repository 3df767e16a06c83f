import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { periodFor, todayIso } from '../shared/dates';
import { PeriodTabs } from '../shared/PeriodTabs';
import { AddLesson } from './AddLesson';
import { groupOptions } from './groupOptions';
import type { Staff } from './staff';
import { useAction } from './useAction';

const TimetableQuery = graphql(`
  query AdminTimetable($groupId: ID!, $periodId: ID!) {
    timetable(groupId: $groupId, periodId: $periodId) {
      id
      weekday
      lessonNumber
      room
      teacher {
        id
        shortName
      }
    }
  }
`);

const SetSlotMutation = graphql(`
  mutation AdminSetTimetableSlot($input: SetTimetableSlotInput!) {
    setTimetableSlot(input: $input) {
      id
    }
  }
`);

const RemoveSlotMutation = graphql(`
  mutation AdminRemoveTimetableSlot($slotId: ID!) {
    removeTimetableSlot(slotId: $slotId)
  }
`);

const GenerateLessonsMutation = graphql(`
  mutation AdminGenerateLessons($periodId: ID!) {
    generateLessons(periodId: $periodId)
  }
`);

const WEEKDAYS = [1, 2, 3, 4, 5, 6];
const LESSONS = [1, 2, 3, 4, 5, 6, 7, 8];

interface Props {
  year: FragmentRef<typeof TimetableSection_year>;
  teachers: readonly Staff[];
}

const TimetableSection_year = graphql(`
  fragment TimetableSection_year on AcademicYear {
    id
    ...PeriodTabs_year @unmask
    ...GroupOptions_year @unmask
  }
`);

/** A group's weekly grid for a period: a tap on a free cell puts a lesson there, on a lesson removes it. */
export function TimetableSection({ year, ...props }: Props) {
  const data = useOwnFragment(TimetableSection_year, year);
  return data ? <TimetableSectionView {...props} year={data} /> : null;
}

function TimetableSectionView({ year, teachers }: Omit<Props, 'year'> & { year: DocumentType<typeof TimetableSection_year> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const groups = groupOptions(year);
  const [groupId, setGroupId] = useState(groups[0]?.id ?? '');
  const [periodId, setPeriodId] = useState(periodFor(year.periods, todayIso())?.id ?? year.periods[0]?.id ?? '');
  const group = groups.find((g) => g.id === groupId);
  const [teacherId, setTeacherId] = useState('');
  const [room, setRoom] = useState('');
  const [generated, setGenerated] = useState<number | null>(null);
  const { data, error, refetch } = useQuery(TimetableQuery, { variables: { groupId, periodId }, skip: !groupId || !periodId });
  const { run, problem } = useAction(() => refetch());
  const [setSlot] = useMutation(SetSlotMutation);
  const [removeSlot] = useMutation(RemoveSlotMutation);
  const [generate] = useMutation(GenerateLessonsMutation);
  if (!group) return <p className="card muted">{t('admin.timetable.noGroups')}</p>;
  const teacher = teacherId || group.teachers[0]?.id || '';
  const slots = data?.timetable ?? [];
  const weekday = (d: number) => new Intl.DateTimeFormat(lng, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

  return (
    <div className="card">
      <div className="toolbar">
        <select
          className="select"
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
          aria-label={t('admin.timetable.group')}
          data-testid="timetable-group"
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
        <PeriodTabs periods={year.periods} current={periodId} onSelect={setPeriodId} />
      </div>
      <div className="inline-form">
        <select className="select" value={teacher} onChange={(e) => setTeacherId(e.target.value)} aria-label={t('admin.classes.teacher')}>
          {teachers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.fullName}
            </option>
          ))}
        </select>
        <input className="input" value={room} onChange={(e) => setRoom(e.target.value)} placeholder={t('admin.timetable.room')} maxLength={20} />
      </div>
      {problem || error ? (
        <p className="form-error" role="alert">
          {problem ?? errorText(error)}
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="table timetable" data-testid="timetable-grid">
          <thead>
            <tr>
              <th>№</th>
              {WEEKDAYS.map((d) => (
                <th key={d}>{weekday(d)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LESSONS.map((n) => (
              <tr key={n}>
                <th>{n}</th>
                {WEEKDAYS.map((d) => {
                  const slot = slots.find((s) => s.weekday === d && s.lessonNumber === n);
                  return (
                    <td key={d}>
                      <button
                        type="button"
                        className={slot ? 'slot slot--taken' : 'slot'}
                        data-testid={`slot-${d}-${n}`}
                        title={slot ? t('admin.timetable.remove') : t('admin.timetable.add')}
                        onClick={() =>
                          void run(() =>
                            slot
                              ? removeSlot({ variables: { slotId: slot.id } })
                              : setSlot({
                                  variables: { input: { groupId, periodId, weekday: d, lessonNumber: n, teacherId: teacher, room: room.trim() || undefined } },
                                }),
                          )
                        }
                      >
                        {slot ? `${slot.teacher.shortName}${slot.room ? ` · ${slot.room}` : ''}` : '+'}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run(async () => setGenerated((await generate({ variables: { periodId } })).data?.generateLessons ?? 0))}
          data-testid="generate-lessons"
        >
          {t('admin.timetable.generate')}
        </button>{' '}
        {generated !== null ? <span data-testid="generated-count">{t('admin.timetable.generated', { count: generated })}</span> : null}
      </p>
      <AddLesson groupId={groupId} groupLabel={group.label} />
    </div>
  );
}
