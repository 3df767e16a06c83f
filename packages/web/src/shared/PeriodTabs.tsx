import { useTranslation } from 'react-i18next';

interface Props {
  periods: readonly { id: string; name: string }[];
  current: string;
  onSelect: (periodId: string) => void;
}

/** Quarters (or trimesters…) of the year as a segmented control. */
export function PeriodTabs({ periods, current, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('periods.label')}>
      {periods.map((p) => (
        <button
          key={p.id}
          type="button"
          aria-pressed={p.id === current}
          onClick={() => onSelect(p.id)}
          data-testid={`period-${p.id}`}
        >
          {p.name}
        </button>
      ))}
    </div>
  );
}
