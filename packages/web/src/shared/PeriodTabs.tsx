import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';

/**
 * The year's periods as a screen offers them: the tabs, and `periodFor` (shared/dates) picks the one of
 * a day. Spread unmasked: the screen reads them too.
 */
const PeriodTabs_year = graphql(`
  fragment PeriodTabs_year on AcademicYear {
    id
    periods {
      id
      name
      startsOn
      endsOn
    }
  }
`);

interface Props {
  periods: readonly Pick<DocumentType<typeof PeriodTabs_year>['periods'][number], 'id' | 'name'>[];
  current: string;
  onSelect: (periodId: string) => void;
}

/** Quarters (or trimesters…) of the year as a segmented control. */
export function PeriodTabs({ periods, current, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('periods.label')}>
      {periods.map((p) => (
        <button key={p.id} type="button" aria-pressed={p.id === current} onClick={() => onSelect(p.id)} data-testid={`period-${p.id}`}>
          {p.name}
        </button>
      ))}
    </div>
  );
}
