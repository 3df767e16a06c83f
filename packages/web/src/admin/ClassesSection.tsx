import { useMutation } from '@apollo/client/react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { todayIso } from '../shared/dates';
import type { Staff } from './staff';
import { field, useAction } from './useAction';

const CreateClassMutation = graphql(`
  mutation AdminCreateClass($input: CreateClassInput!) {
    createClass(input: $input) {
      id
    }
  }
`);

const SetClassTeacherMutation = graphql(`
  mutation AdminSetClassTeacher($classId: ID!, $teacherId: ID!) {
    setClassTeacher(classId: $classId, teacherId: $teacherId) {
      id
    }
  }
`);

const CreateGroupMutation = graphql(`
  mutation AdminCreateGroup($input: CreateStudyGroupInput!) {
    createStudyGroup(input: $input) {
      id
    }
  }
`);

const AssignTeacherMutation = graphql(`
  mutation AdminAssignTeacher($groupId: ID!, $teacherId: ID!, $startsOn: LocalDate!) {
    assignTeacher(groupId: $groupId, teacherId: $teacherId, startsOn: $startsOn) {
      id
    }
  }
`);

interface Props {
  year: FragmentRef<typeof ClassesSection_year>;
  subjects: readonly { id: string; name: string }[];
  teachers: readonly Staff[];
  onChanged: () => Promise<unknown>;
}

const ClassesSection_year = graphql(`
  fragment ClassesSection_year on AcademicYear {
    id
    classes {
      id
      name
      classTeacher {
        id
      }
      students {
        id
      }
      groups {
        id
        name
        subject {
          id
          name
        }
        teachers {
          id
        }
      }
    }
  }
`);

/** Classes of the year with their class teacher, and each class's study groups with their teacher. */
export function ClassesSection({ year, ...props }: Props) {
  const data = useOwnFragment(ClassesSection_year, year);
  return data ? <ClassesSectionView {...props} year={data} /> : null;
}

function ClassesSectionView({ year, subjects, teachers, onChanged }: Omit<Props, 'year'> & { year: DocumentType<typeof ClassesSection_year> }) {
  const { t } = useTranslation();
  const { run, problem } = useAction(onChanged);
  const [createClass] = useMutation(CreateClassMutation);
  const [setClassTeacher] = useMutation(SetClassTeacherMutation);
  const [createGroup] = useMutation(CreateGroupMutation);
  const [assignTeacher] = useMutation(AssignTeacherMutation);

  function onCreateClass(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(() =>
      createClass({
        variables: {
          input: { yearId: year.id, grade: Number(field(form, 'grade')), letter: field(form, 'letter') ?? '', classTeacherId: field(form, 'classTeacherId') },
        },
      }),
    );
  }

  function onCreateGroup(event: FormEvent<HTMLFormElement>, classId: string) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(() =>
      createGroup({
        variables: {
          input: {
            yearId: year.id,
            classId,
            kind: 'WHOLE_CLASS',
            subjectId: field(form, 'subjectId') ?? '',
            teacherId: field(form, 'teacherId'),
            name: field(form, 'name'),
          },
        },
      }),
    );
  }

  const teacherOptions = teachers.map((p) => (
    <option key={p.id} value={p.id}>
      {p.fullName}
    </option>
  ));

  return (
    <div className="admin-grid">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert">
          {problem}
        </p>
      ) : null}
      <form className="card admin-form" onSubmit={onCreateClass} data-testid="create-class-form">
        <h2 className="subheading">{t('admin.classes.create')}</h2>
        <div className="inline-form">
          <input
            className="input"
            name="grade"
            type="number"
            min={1}
            max={11}
            required
            aria-label={t('admin.classes.grade')}
            placeholder={t('admin.classes.grade')}
          />
          <input className="input" name="letter" required maxLength={3} aria-label={t('admin.classes.letter')} placeholder={t('admin.classes.letter')} />
        </div>
        <label className="field">
          <span>{t('admin.classes.classTeacher')}</span>
          <select className="select" name="classTeacherId" defaultValue="">
            <option value="">—</option>
            {teacherOptions}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="create-class-submit">
          {t('admin.classes.createSubmit')}
        </button>
      </form>
      {year.classes.map((c) => (
        <div key={c.id} className="card admin-form" data-testid={`class-${c.name}`}>
          <h2 className="subheading">
            {c.name} <span className="muted">· {t('admin.classes.students', { count: c.students.length })}</span>
          </h2>
          <label className="field">
            <span>{t('admin.classes.classTeacher')}</span>
            <select
              className="select"
              value={c.classTeacher?.id ?? ''}
              onChange={(e) => void run(() => setClassTeacher({ variables: { classId: c.id, teacherId: e.target.value } }))}
            >
              <option value="" disabled>
                —
              </option>
              {teacherOptions}
            </select>
          </label>
          <ul className="device__list">
            {c.groups.map((g) => (
              <li key={g.id}>
                {g.subject.name} ({g.name}):{' '}
                <select
                  className="select"
                  value={g.teachers[0]?.id ?? ''}
                  aria-label={t('admin.classes.teacher')}
                  onChange={(e) => void run(() => assignTeacher({ variables: { groupId: g.id, teacherId: e.target.value, startsOn: todayIso() } }))}
                >
                  <option value="" disabled>
                    —
                  </option>
                  {teacherOptions}
                </select>
              </li>
            ))}
          </ul>
          <form className="inline-form" onSubmit={(e) => onCreateGroup(e, c.id)}>
            <select className="select" name="subjectId" required aria-label={t('admin.classes.subject')}>
              {subjects.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <select className="select" name="teacherId" aria-label={t('admin.classes.teacher')}>
              {teacherOptions}
            </select>
            <input className="input" name="name" maxLength={50} placeholder={t('admin.classes.groupName')} />
            <button type="submit" className="button button--small">
              {t('admin.classes.addGroup')}
            </button>
          </form>
        </div>
      ))}
    </div>
  );
}
