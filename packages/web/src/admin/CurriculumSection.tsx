import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { field, useAction } from './useAction';

const CreateSubjectMutation = graphql(`
  mutation AdminCreateSubject($input: CreateSubjectInput!) {
    createSubject(input: $input) {
      id
    }
  }
`);

const SetHoursMutation = graphql(`
  mutation AdminSetCurriculumHours($input: SetCurriculumHoursInput!) {
    setCurriculumHours(input: $input) {
      id
    }
  }
`);

const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

interface Props {
  schoolId: string;
  year: FragmentRef<typeof CurriculumSection_year>;
  subjects: readonly { id: string; name: string }[];
  onChanged: () => Promise<unknown>;
}

const CurriculumSection_year = graphql(`
  fragment CurriculumSection_year on AcademicYear {
    id
    name
    curriculum {
      id
      grade
      hoursPerWeek
      subject {
        id
      }
    }
  }
`);

/** Subjects and the curriculum: weekly hours per subject and grade, edited in a grid (saved on leaving a cell). */
export function CurriculumSection({ year, ...props }: Props) {
  const data = useOwnFragment(CurriculumSection_year, year);
  return data ? <CurriculumSectionView {...props} year={data} /> : null;
}

function CurriculumSectionView({ schoolId, year, subjects, onChanged }: Omit<Props, 'year'> & { year: DocumentType<typeof CurriculumSection_year> }) {
  const { t } = useTranslation();
  const { run, problem } = useAction(onChanged);
  const [createSubject] = useMutation(CreateSubjectMutation);
  const [setHours] = useMutation(SetHoursMutation);
  const hours = new Map(year.curriculum.map((c) => [`${c.subject.id}:${c.grade}`, c.hoursPerWeek]));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void run(() => createSubject({ variables: { input: { schoolId, name: field(form, 'name') ?? '', shortName: field(form, 'shortName') } } })).then(
      (ok) => ok && target.reset(),
    );
  }

  function save(subjectId: string, grade: number, text: string) {
    const value = Number(text.replace(',', '.') || '0');
    if (!Number.isFinite(value) || value === (hours.get(`${subjectId}:${grade}`) ?? 0)) return;
    void run(() => setHours({ variables: { input: { yearId: year.id, subjectId, grade, hoursPerWeek: value } } }));
  }

  return (
    <div className="admin-grid">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="card admin-grid__wide">
        <h2 className="subheading">{t('admin.curriculum.title', { year: year.name })}</h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="table curriculum" data-testid="curriculum">
            <thead>
              <tr>
                <th>{t('admin.curriculum.subject')}</th>
                {GRADES.map((g) => (
                  <th key={g}>{g}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {subjects.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  {GRADES.map((g) => (
                    <td key={g}>
                      <input
                        className="input curriculum__cell"
                        inputMode="decimal"
                        defaultValue={hours.get(`${s.id}:${g}`) ?? ''}
                        aria-label={t('admin.curriculum.cell', { subject: s.name, grade: g })}
                        onBlur={(e) => save(s.id, g, e.target.value.trim())}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <form className="card admin-form" onSubmit={onCreate}>
        <h2 className="subheading">{t('admin.curriculum.createSubject')}</h2>
        <input className="input" name="name" required maxLength={100} placeholder={t('admin.curriculum.subject')} />
        <input className="input" name="shortName" maxLength={20} placeholder={t('admin.curriculum.shortName')} />
        <button type="submit" className="button button--primary">
          {t('admin.curriculum.createSubmit')}
        </button>
      </form>
    </div>
  );
}
