import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { PeriodKind } from '../gql/graphql';
import { field, useAction } from './useAction';

const CreateYearMutation = graphql(`
  mutation AdminCreateYear($input: CreateAcademicYearInput!) {
    createAcademicYear(input: $input) {
      id
    }
  }
`);

const PERIOD_COUNT: Record<PeriodKind, number> = { QUARTER: 4, TRIMESTER: 3, HALF_YEAR: 2, MODULE: 6 };

/** A year to plan: the form's starting values (empty for a blank form). */
export interface YearDraft {
  name: string;
  startsOn: string;
  endsOn: string;
  kind: PeriodKind;
  periods: { startsOn: string; endsOn: string }[];
}

/** The period kind of a year by its number of periods. */
export const kindOfPeriodCount = (count: number): PeriodKind => (Object.keys(PERIOD_COUNT) as PeriodKind[]).find((k) => PERIOD_COUNT[k] === count) ?? 'QUARTER';

/** Plans a year with its periods (R-O2); `draft` fills it in (the next year, from the transition). */
export function PlanYearForm({ schoolId, draft, onChanged }: { schoolId: string; draft?: YearDraft; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { run, problem } = useAction(onChanged);
  const [createYear] = useMutation(CreateYearMutation);
  const [kind, setKind] = useState<PeriodKind>(draft?.kind ?? 'QUARTER');

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const periods = Array.from({ length: PERIOD_COUNT[kind] }, (_, i) => ({
      startsOn: field(form, `p${i}start`) ?? '',
      endsOn: field(form, `p${i}end`) ?? '',
    }));
    void run(() =>
      createYear({
        variables: {
          input: {
            schoolId,
            name: field(form, 'name') ?? '',
            startsOn: field(form, 'startsOn') ?? '',
            endsOn: field(form, 'endsOn') ?? '',
            periodKind: kind,
            periods,
          },
        },
      }),
    );
  }

  return (
    <form className="card admin-form" onSubmit={onCreate} data-testid={draft ? 'plan-next-year' : 'plan-year'}>
      <h2 className="subheading">{draft ? t('transition.planNext', { name: draft.name }) : t('admin.year.create')}</h2>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <label className="field">
        <span>{t('admin.year.name')}</span>
        <input className="input" name="name" required placeholder="2027/2028" maxLength={50} defaultValue={draft?.name} />
      </label>
      <div className="inline-form">
        <input className="input" type="date" name="startsOn" required aria-label={t('admin.year.from')} defaultValue={draft?.startsOn} />
        <input className="input" type="date" name="endsOn" required aria-label={t('admin.year.to')} defaultValue={draft?.endsOn} />
      </div>
      <label className="field">
        <span>{t('admin.year.periodKind')}</span>
        <select className="select" value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)}>
          {(Object.keys(PERIOD_COUNT) as PeriodKind[]).map((k) => (
            <option key={k} value={k}>
              {t(`admin.year.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {Array.from({ length: PERIOD_COUNT[kind] }, (_, i) => (
        <div key={`${kind}${i}`} className="inline-form">
          <span>{i + 1}.</span>
          <input
            className="input"
            type="date"
            name={`p${i}start`}
            required
            aria-label={`${i + 1} ${t('admin.year.from')}`}
            defaultValue={draft?.kind === kind ? draft.periods[i]?.startsOn : undefined}
          />
          <input
            className="input"
            type="date"
            name={`p${i}end`}
            required
            aria-label={`${i + 1} ${t('admin.year.to')}`}
            defaultValue={draft?.kind === kind ? draft.periods[i]?.endsOn : undefined}
          />
        </div>
      ))}
      <button type="submit" className="button button--primary">
        {draft ? t('transition.planNextSubmit') : t('admin.year.createSubmit')}
      </button>
    </form>
  );
}
