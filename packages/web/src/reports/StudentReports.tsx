import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport } from './download';

interface Props {
  students: readonly { id: string; fullName: string }[];
  period: { id: string; name: string };
}

/** The period report of a child (or one's own) as the school prints it: a PDF behind the diary gate. */
export function StudentReports({ students, period }: Props) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);

  async function download(student: Props['students'][number]) {
    setProblem(null);
    try {
      await downloadExport(`/exports/student-report/${student.id}/${period.id}.pdf`, `${student.fullName} ${period.name}.pdf`);
    } catch (e) {
      setProblem(t(`errors.${e instanceof Error ? e.message : ''}`, { defaultValue: t('errors.NETWORK') }));
    }
  }

  return (
    <div className="card">
      <h2 className="subheading">{t('reports.studentTitle', { period: period.name })}</h2>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ul className="device__list">
        {students.map((s) => (
          <li key={s.id}>
            {s.fullName}{' '}
            <button type="button" className="button button--small" onClick={() => void download(s)} data-testid={`student-report-${s.id}`}>
              {t('reports.downloadPdf')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
