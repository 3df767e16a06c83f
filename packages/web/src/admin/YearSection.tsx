import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { formatDateRange } from '../shared/dates';
import { field, useAction } from './useAction';
import { PlanYearForm } from './PlanYearForm';
import { YearTransitionPanel } from './YearTransition';

const AddHolidayMutation = graphql(`
  mutation AdminAddHoliday($input: AddHolidayInput!) {
    addHoliday(input: $input) {
      id
    }
  }
`);

const CloseYearMutation = graphql(`
  mutation AdminCloseYear($yearId: ID!) {
    closeAcademicYear(yearId: $yearId) {
      id
      closed
    }
  }
`);

interface Props {
  schoolId: string;
  year: FragmentRef<typeof YearSection_year> | null;
  /** viewer.can.promoteStudents: the transition to the next year is offered. */
  canPromote: boolean;
  onChanged: () => Promise<unknown>;
}

const YearSection_year = graphql(`
  fragment YearSection_year on AcademicYear {
    id
    name
    startsOn
    endsOn
    periods {
      id
      name
      startsOn
      endsOn
    }
    holidays {
      id
      name
      startsOn
      endsOn
    }
  }
`);

/** The school year: its periods (created with the year) and holidays; the transition to the next year. */
export function YearSection({ year, ...props }: Props) {
  const data = useOwnFragment(YearSection_year, year);
  return <YearSectionView {...props} year={data} />;
}

function YearSectionView({ schoolId, year, canPromote, onChanged }: Omit<Props, 'year'> & { year: DocumentType<typeof YearSection_year> | null }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const { run, problem } = useAction(onChanged);
  const [addHoliday] = useMutation(AddHolidayMutation);
  const [closeYear] = useMutation(CloseYearMutation);
  // Closing makes the year read-only for good: the first press asks, the second closes.
  const [confirmClose, setConfirmClose] = useState(false);

  function onHoliday(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!year) return;
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void run(() =>
      addHoliday({
        variables: {
          input: { yearId: year.id, name: field(form, 'name') ?? '', startsOn: field(form, 'startsOn') ?? '', endsOn: field(form, 'endsOn') ?? '' },
        },
      }),
    ).then((ok) => ok && target.reset());
  }

  return (
    <div className="admin-grid">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert">
          {problem}
        </p>
      ) : null}
      {year ? (
        <div className="card">
          <h2 className="subheading">{t('admin.year.current', { name: year.name })}</h2>
          <p className="muted">{formatDateRange(year.startsOn, year.endsOn, lng)}</p>
          <ul className="device__list" data-testid="year-periods">
            {year.periods.map((p) => (
              <li key={p.id}>
                {p.name}: {formatDateRange(p.startsOn, p.endsOn, lng)}
              </li>
            ))}
          </ul>
          <h3 className="subheading">{t('admin.year.holidays')}</h3>
          <ul className="device__list" data-testid="year-holidays">
            {year.holidays.map((h) => (
              <li key={h.id}>
                {h.name}: {formatDateRange(h.startsOn, h.endsOn, lng)}
              </li>
            ))}
          </ul>
          <form className="admin-form" onSubmit={onHoliday} data-testid="holiday-form">
            <label className="field">
              <span>{t('admin.year.holidayName')}</span>
              <input className="input" name="name" required maxLength={100} />
            </label>
            <div className="inline-form">
              <input className="input" type="date" name="startsOn" required aria-label={t('admin.year.from')} />
              <input className="input" type="date" name="endsOn" required aria-label={t('admin.year.to')} />
            </div>
            <button type="submit" className="button button--primary">
              {t('admin.year.addHoliday')}
            </button>
          </form>
          <h3 className="subheading">{t('admin.yearClose.title')}</h3>
          <p className="muted">{t('admin.yearClose.hint')}</p>
          {confirmClose ? (
            <div className="toolbar" role="group" aria-label={t('admin.yearClose.title')}>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void run(() => closeYear({ variables: { yearId: year.id } }))}
                data-testid="close-year-confirm"
              >
                {t('admin.yearClose.confirm', { name: year.name })}
              </button>
              <button type="button" className="button" onClick={() => setConfirmClose(false)}>
                {t('admin.person.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmClose(true)} data-testid="close-year">
              {t('admin.yearClose.submit')}
            </button>
          )}
        </div>
      ) : null}
      {canPromote ? <YearTransitionPanel schoolId={schoolId} onChanged={onChanged} /> : null}
      <PlanYearForm schoolId={schoolId} onChanged={onChanged} />
    </div>
  );
}
