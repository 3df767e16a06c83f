import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StudentExamsDocument } from '../diary/Exams';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import type { ExamKind } from '../gql/graphql';
import { formatDate, todayIso } from '../shared/dates';
import { field, useAction } from './useAction';

const ChooseExamMutation = graphql(`
  mutation AdminChooseExam($studentId: ID!, $subjectId: ID!, $kind: ExamKind!) {
    chooseExam(studentId: $studentId, subjectId: $subjectId, kind: $kind) {
      id
    }
  }
`);

const RecordExamResultMutation = graphql(`
  mutation AdminRecordExamResult($input: ExamResultInput!) {
    recordExamResult(input: $input) {
      id
      examDate
      score
      mark
    }
  }
`);

/** The grades of the state exams: ОГЭ ends grade 9, ЕГЭ grade 11. */
const EXAM_OF_GRADE: Record<number, ExamKind> = { 9: 'OGE', 11: 'EGE' };

interface Props {
  /** The open year: its classes. */
  year: FragmentRef<typeof ExamSection_year>;
  subjects: readonly { id: string; name: string }[];
}

const ExamSection_year = graphql(`
  fragment ExamSection_year on AcademicYear {
    id
    classes {
      id
      name
      grade
      students {
        id
        fullName
      }
    }
  }
`);

/** R-D5: the school's state exam register: a student's chosen exams (on application) and their results from the regional centre. */
export function ExamSection({ year, ...props }: Props) {
  const data = useOwnFragment(ExamSection_year, year);
  return data ? <ExamSectionView {...props} classes={data.classes} /> : null;
}

function ExamSectionView({ classes, subjects }: Omit<Props, 'year'> & { classes: DocumentType<typeof ExamSection_year>['classes'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const students = classes
    .filter((c) => EXAM_OF_GRADE[c.grade])
    .flatMap((c) => c.students.map((s) => ({ ...s, className: c.name, kind: EXAM_OF_GRADE[c.grade] })));
  const [studentId, setStudentId] = useState(students[0]?.id ?? '');
  const student = students.find((s) => s.id === studentId);
  const { data, refetch } = useQuery(StudentExamsDocument, { variables: { studentId }, skip: !studentId });
  const { run, problem } = useAction(() => refetch());
  const [choose] = useMutation(ChooseExamMutation);
  const [record] = useMutation(RecordExamResultMutation);
  const exams = data?.exams ?? [];
  const [examId, setExamId] = useState('');
  const chosenExam = exams.find((e) => e.id === examId) ?? exams[0];

  if (!student) return <p className="card muted">{t('examRegister.noStudents')}</p>;

  function onChoose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(() => choose({ variables: { studentId, subjectId: field(form, 'subjectId') ?? '', kind: student!.kind } }));
  }

  function onResult(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const mark = field(form, 'mark');
    void run(() =>
      record({
        variables: {
          input: {
            examId: chosenExam?.id ?? '',
            examDate: field(form, 'examDate') ?? '',
            score: Number(field(form, 'score')),
            mark: mark ? Number(mark) : undefined,
          },
        },
      }),
    );
  }

  return (
    <div className="admin-grid" data-testid="exam-register">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert" data-testid="exam-register-error">
          {problem}
        </p>
      ) : null}
      <div className="card admin-grid__wide">
        <label className="field">
          <span>{t('examRegister.student')}</span>
          <select className="select" value={studentId} onChange={(e) => setStudentId(e.target.value)} data-testid="exam-student">
            {students.map((s) => (
              <option key={s.id} value={s.id}>
                {s.fullName} ({s.className})
              </option>
            ))}
          </select>
        </label>
        <h2 className="subheading">{t('examRegister.list')}</h2>
        {exams.length === 0 ? (
          <p className="muted">{t('examRegister.none')}</p>
        ) : (
          <ul className="plain-list" data-testid="exam-register-list">
            {exams.map((e) => (
              <li key={e.id}>
                {t(`exams.kind.${e.kind}`)} · {e.subject.name}
                {e.examDate ? ` · ${formatDate(e.examDate, lng, { day: 'numeric', month: 'long', year: 'numeric' })}` : ''}
                {e.score != null ? ` · ${t('exams.score', { score: e.score })}` : ''}
                {e.mark != null ? `, ${t('exams.mark', { mark: e.mark })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      <form className="card admin-form" onSubmit={onChoose} data-testid="exam-choose-form">
        <h2 className="subheading">{t('examRegister.choose')}</h2>
        <p className="muted">{t('examRegister.kindOf', { kind: t(`exams.kind.${student.kind}`) })}</p>
        <label className="field">
          <span>{t('examRegister.subject')}</span>
          <select className="select" name="subjectId" required>
            {subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary">
          {t('examRegister.submitChoose')}
        </button>
      </form>
      {exams.length > 0 ? (
        <form className="card admin-form" onSubmit={onResult} data-testid="exam-result-form">
          <h2 className="subheading">{t('examRegister.result')}</h2>
          <label className="field">
            <span>{t('examRegister.exam')}</span>
            <select className="select" value={chosenExam?.id ?? ''} onChange={(e) => setExamId(e.target.value)}>
              {exams.map((e) => (
                <option key={e.id} value={e.id}>
                  {t(`exams.kind.${e.kind}`)} · {e.subject.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('examRegister.date')}</span>
            <input className="input" type="date" name="examDate" required defaultValue={todayIso()} />
          </label>
          <label className="field">
            <span>{t('examRegister.score')}</span>
            <input className="input" type="number" name="score" min={0} max={100} required />
          </label>
          {chosenExam?.kind === 'OGE' ? (
            <label className="field">
              <span>{t('examRegister.mark')}</span>
              <select className="select" name="mark" required>
                <option value="" />
                {[5, 4, 3, 2].map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className="button button--primary">
            {t('examRegister.submitResult')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
