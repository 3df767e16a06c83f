import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { todayIso } from '../shared/dates';
import { groupOptions } from './groupOptions';
import type { Staff } from './staff';
import { field, useAction } from './useAction';

const GroupDayLessonsQuery = graphql(`
  query AdminGroupDayLessons($groupId: ID!, $on: LocalDate!) {
    lessons(groupId: $groupId, from: $on, to: $on) {
      id
      lessonNumber
      teacher {
        id
        shortName
      }
      substitute {
        id
        shortName
      }
      substitutionApproved
    }
  }
`);

const RecordSubstitutionMutation = graphql(`
  mutation AdminRecordSubstitution($input: RecordSubstitutionInput!) {
    recordSubstitution(input: $input) {
      id
      substitutionApproved
      substitute {
        id
        shortName
      }
    }
  }
`);

interface Props {
  year: FragmentRef<typeof RecordSubstitution_year>;
  teachers: readonly Staff[];
}

const RecordSubstitution_year = graphql(`
  fragment RecordSubstitution_year on AcademicYear {
    id
    ...GroupOptions_year @unmask
  }
`);

/** The administration records a substitution itself (approved at once): a lesson of a group on a day, who substitutes, why. */
export function RecordSubstitution({ year, ...props }: Props) {
  const data = useOwnFragment(RecordSubstitution_year, year);
  return data ? <RecordSubstitutionView {...props} year={data} /> : null;
}

function RecordSubstitutionView({ year, teachers }: Omit<Props, 'year'> & { year: DocumentType<typeof RecordSubstitution_year> }) {
  const { t } = useTranslation();
  const groups = groupOptions(year);
  const [groupId, setGroupId] = useState(groups[0]?.id ?? '');
  const [on, setOn] = useState(todayIso());
  const { data, refetch } = useQuery(GroupDayLessonsQuery, { variables: { groupId, on }, skip: !groupId || !on });
  const [record] = useMutation(RecordSubstitutionMutation);
  const { run, problem } = useAction(() => refetch());
  const [recorded, setRecorded] = useState<string | null>(null);
  const lessons = data?.lessons ?? [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRecorded(null);
    void run(async () => {
      const { data: done } = await record({
        variables: { input: { lessonId: field(form, 'lessonId') ?? '', substituteId: field(form, 'substituteId') ?? '', reason: field(form, 'reason') ?? '' } },
      });
      if (done) setRecorded(done.recordSubstitution.substitute?.shortName ?? '');
    });
  }

  return (
    <form className="card admin-form" onSubmit={onSubmit} aria-labelledby="record-substitution-title" data-testid="record-substitution">
      <h3 id="record-substitution-title">{t('control.substitution.title')}</h3>
      <div className="inline-form">
        <select
          className="select"
          value={groupId}
          onChange={(e) => setGroupId(e.target.value)}
          aria-label={t('admin.timetable.group')}
          data-testid="substitution-group"
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
        <input
          className="input"
          type="date"
          value={on}
          onChange={(e) => setOn(e.target.value)}
          required
          aria-label={t('control.substitution.date')}
          data-testid="substitution-date"
        />
      </div>
      {lessons.length === 0 ? (
        <p className="muted">{t('control.substitution.noLessons')}</p>
      ) : (
        <>
          <select className="select" name="lessonId" aria-label={t('control.substitution.lesson')} data-testid="substitution-lesson">
            {lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {t('control.substitution.lessonOption', { n: l.lessonNumber, teacher: l.teacher.shortName })}
                {l.substitute ? ` → ${l.substitute.shortName}` : ''}
              </option>
            ))}
          </select>
          <select className="select" name="substituteId" aria-label={t('control.substitution.substitute')} data-testid="substitution-teacher">
            {teachers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
          </select>
          <label className="field">
            <span>{t('control.substitution.reason')}</span>
            <input
              className="input"
              name="reason"
              required
              maxLength={255}
              placeholder={t('control.substitution.reasonExample')}
              data-testid="substitution-reason"
            />
          </label>
          <button type="submit" className="button button--primary" data-testid="substitution-submit">
            {t('control.substitution.submit')}
          </button>
        </>
      )}
      {problem ? (
        <p className="form-error" role="alert" data-testid="substitution-error">
          {problem}
        </p>
      ) : null}
      {recorded !== null ? (
        <p role="status" data-testid="substitution-done">
          {t('control.substitution.done', { teacher: recorded })}
        </p>
      ) : null}
    </form>
  );
}
