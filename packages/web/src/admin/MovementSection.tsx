import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import type { MovementKind } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate, todayIso } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { PersonPicker, type PickedPerson } from './PersonPicker';
import { field, useAction } from './useAction';
import { formText } from '../shared/form';

const MovementsQuery = graphql(`
  query AdminMovements($schoolId: ID!) {
    movements(schoolId: $schoolId) {
      id
      kind
      effectiveOn
      orderNumber
      orderDate
      otherSchool
      note
      student {
        id
        fullName
      }
      fromClass {
        id
        name
      }
      toClass {
        id
        name
      }
    }
  }
`);

const RecordMovementMutation = graphql(`
  mutation AdminRecordMovement($input: RecordMovementInput!) {
    recordMovement(input: $input) {
      id
    }
  }
`);

const KINDS: MovementKind[] = ['ENROLMENT', 'ARRIVAL', 'TRANSFER', 'DEPARTURE', 'EXPULSION', 'GRADUATION'];

interface Props {
  schoolId: string;
  /** The open year: its classes. */
  year: FragmentRef<typeof MovementSection_year>;
  onChanged: () => Promise<unknown>;
}

const MovementSection_year = graphql(`
  fragment MovementSection_year on AcademicYear {
    id
    classes {
      id
      name
      students {
        id
      }
    }
  }
`);

/** The book of movements: arrivals, transfers between classes, departures, each with its order. */
export function MovementSection({ year, ...props }: Props) {
  const data = useOwnFragment(MovementSection_year, year);
  return data ? <MovementSectionView {...props} classes={data.classes} /> : null;
}

function MovementSectionView({ schoolId, classes, onChanged }: Omit<Props, 'year'> & { classes: DocumentType<typeof MovementSection_year>['classes'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(MovementsQuery, { variables: { schoolId } });
  const { run, problem } = useAction(async () => Promise.all([refetch(), onChanged()]));
  const [record] = useMutation(RecordMovementMutation);
  const classOf = new Map(classes.flatMap((c) => c.students.map((s) => [s.id, c.name] as const)));
  const [student, setStudent] = useState<PickedPerson | null>(null);

  function onRecord(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    if (!student) return;
    void run(() =>
      record({
        variables: {
          input: {
            schoolId,
            studentId: student.id,
            kind: formText(form, 'kind') as MovementKind,
            effectiveOn: field(form, 'effectiveOn') ?? '',
            orderNumber: field(form, 'orderNumber') ?? '',
            orderDate: field(form, 'orderDate') ?? '',
            toClassId: field(form, 'toClassId'),
            otherSchool: field(form, 'otherSchool'),
            note: field(form, 'note'),
          },
        },
      }),
    ).then((ok) => {
      if (!ok) return;
      target.reset();
      setStudent(null);
    });
  }

  const day = (iso: string) => formatDate(iso, lng, { day: 'numeric', month: 'short', year: 'numeric' });
  return (
    <div className="admin-grid">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert">
          {problem}
        </p>
      ) : null}
      <form className="card admin-form" onSubmit={onRecord} data-testid="movement-form">
        <h2 className="subheading">{t('admin.movements.record')}</h2>
        <select className="select" name="kind" aria-label={t('admin.movements.kind')}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.movements.kinds.${k}`)}
            </option>
          ))}
        </select>
        <PersonPicker
          schoolId={schoolId}
          role="STUDENT"
          label={t('admin.consents.student')}
          value={student}
          onChange={setStudent}
          detail={(id) => classOf.get(id) ?? null}
          testId="movement-student"
        />
        <label className="field">
          <span>{t('admin.movements.toClass')}</span>
          <select className="select" name="toClassId" defaultValue="">
            <option value="">—</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <input className="input" name="otherSchool" maxLength={200} placeholder={t('admin.movements.otherSchool')} />
        <label className="field">
          <span>{t('admin.movements.effectiveOn')}</span>
          <input className="input" type="date" name="effectiveOn" required defaultValue={todayIso()} />
        </label>
        <div className="inline-form">
          <input className="input" name="orderNumber" required maxLength={50} placeholder={t('admin.movements.orderNumber')} />
          <input className="input" type="date" name="orderDate" required defaultValue={todayIso()} aria-label={t('admin.movements.orderDate')} />
        </div>
        <input className="input" name="note" maxLength={255} placeholder={t('admin.movements.note')} />
        <button type="submit" className="button button--primary" disabled={!student} data-testid="movement-submit">
          {t('admin.movements.submit')}
        </button>
      </form>
      <div className="card admin-grid__wide">
        <h2 className="subheading">{t('admin.movements.title')}</h2>
        {error && !data ? (
          <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="table" data-testid="movements">
              <thead>
                <tr>
                  <th>{t('admin.movements.effectiveOn')}</th>
                  <th>{t('admin.consents.student')}</th>
                  <th>{t('admin.movements.kind')}</th>
                  <th>{t('admin.movements.where')}</th>
                  <th>{t('admin.movements.order')}</th>
                </tr>
              </thead>
              <tbody>
                {(data?.movements ?? []).map((m) => (
                  <tr key={m.id}>
                    <td>{day(m.effectiveOn)}</td>
                    <td>{m.student?.fullName ?? ''}</td>
                    <td>{t(`admin.movements.kinds.${m.kind}`)}</td>
                    <td>{[m.fromClass?.name, m.toClass?.name ?? m.otherSchool].filter(Boolean).join(' → ')}</td>
                    <td>
                      № {m.orderNumber} {t('admin.movements.of')} {day(m.orderDate)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
