import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';
import { formText } from '../shared/form';

const SettingsViewerQuery = graphql(`
  query SettingsViewer {
    viewer {
      id
      school {
        id
        name
      }
    }
  }
`);

const SchoolSettingsQuery = graphql(`
  query SchoolSettingsScreen($schoolId: ID!) {
    schoolSettings(schoolId: $schoolId) {
      schoolId
      sameDayUntilMinutes
      writtenWorkDaysJunior
      writtenWorkDaysSenior
      homeworkMinutesAfterDay
      lessonEndTimes
      correctionsByAdministrationOnly
      periodMarkDaysBeforeEnd
      journalChecksPerMonth
      parentsInformedEveryDays
      preliminaryReportDaysBeforeEnd
      updatedAt
    }
  }
`);

const UpdateSchoolSettingsMutation = graphql(`
  mutation UpdateSchoolSettings($input: UpdateSchoolSettingsInput!) {
    updateSchoolSettings(input: $input) {
      schoolId
      sameDayUntilMinutes
      writtenWorkDaysJunior
      writtenWorkDaysSenior
      homeworkMinutesAfterDay
      lessonEndTimes
      correctionsByAdministrationOnly
      periodMarkDaysBeforeEnd
      journalChecksPerMonth
      parentsInformedEveryDays
      preliminaryReportDaysBeforeEnd
      updatedAt
    }
  }
`);

/** "HH:MM" for minutes after midnight; 1440 is shown as 24:00, as the regulations say. */
const asTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const fromTime = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The number fields of the form: the setting, its input's bounds (as the server's), and its unit. */
const NUMBERS = [
  { name: 'writtenWorkDaysJunior', min: 1, max: 14, unit: 'days' },
  { name: 'writtenWorkDaysSenior', min: 1, max: 14, unit: 'days' },
  { name: 'homeworkMinutesAfterDay', min: 0, max: 720, unit: 'minutes' },
  { name: 'periodMarkDaysBeforeEnd', min: 0, max: 30, unit: 'days' },
  { name: 'journalChecksPerMonth', min: 1, max: 8, unit: 'times' },
  { name: 'parentsInformedEveryDays', min: 1, max: 60, unit: 'days' },
  { name: 'preliminaryReportDaysBeforeEnd', min: 0, max: 60, unit: 'days' },
] as const;

/** Issue 18: the school's deadlines and duties, shown and changed by its administration (#/settings). */
export function SettingsScreen() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const viewer = useQuery(SettingsViewerQuery);
  const schoolId = viewer.data?.viewer?.school?.id;
  const { data, error, refetch } = useQuery(SchoolSettingsQuery, { variables: { schoolId: schoolId ?? '' }, skip: !schoolId });
  const [update, { loading: saving }] = useMutation(UpdateSchoolSettingsMutation);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const failed = viewer.error ?? error;
  if (failed && !data) return <ScreenError error={errorText(failed)} onRetry={() => void refetch()} />;
  if (viewer.data && !schoolId) return <p className="card muted">{t('admin.noSchool')}</p>;
  const settings = data?.schoolSettings;
  if (!settings) return <p className="muted">{t('app.loading')}</p>;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    setStatus(null);
    try {
      await update({
        variables: {
          input: {
            schoolId: settings!.schoolId,
            sameDayUntilMinutes: form.get('sameDayUntil') === '00:00' ? 1440 : fromTime(formText(form, 'sameDayUntil')),
            lessonEndTimes: formText(form, 'lessonEndTimes'),
            correctionsByAdministrationOnly: form.get('correctionsByAdministrationOnly') === 'on',
            ...Object.fromEntries(NUMBERS.map((n) => [n.name, number(n.name)])),
          },
        },
      });
      setStatus({ ok: true, text: t('settings.saved') });
    } catch (e) {
      setStatus({ ok: false, text: errorText(e) });
    }
  }

  return (
    <section className="card" aria-labelledby="settings-title" data-testid="school-settings">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <p className="muted">{settings.updatedAt ? t('settings.changed', { at: new Date(settings.updatedAt).toLocaleString() }) : t('settings.defaults')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)}>
        <label className="field">
          <span>{t('settings.sameDayUntil')}</span>
          <input name="sameDayUntil" type="time" required defaultValue={asTime(settings.sameDayUntilMinutes % 1440)} data-testid="setting-sameDayUntil" />
        </label>
        {NUMBERS.map((n) => (
          <label className="field" key={n.name}>
            <span>{t(`settings.field.${n.name}`)}</span>
            <span>
              <input name={n.name} type="number" required min={n.min} max={n.max} defaultValue={settings[n.name]} data-testid={`setting-${n.name}`} />{' '}
              {t(`settings.unit.${n.unit}`)}
            </span>
          </label>
        ))}
        <label className="field">
          <span>{t('settings.lessonEndTimes')}</span>
          <input name="lessonEndTimes" required defaultValue={settings.lessonEndTimes.join(', ')} data-testid="setting-lessonEndTimes" />
        </label>
        <label className="field field--inline">
          <input
            name="correctionsByAdministrationOnly"
            type="checkbox"
            defaultChecked={settings.correctionsByAdministrationOnly}
            data-testid="setting-corrections"
          />
          <span>{t('settings.correctionsByAdministrationOnly')}</span>
        </label>
        <button type="submit" className="button button--primary" disabled={saving} data-testid="settings-save">
          {t('settings.save')}
        </button>
        {status ? (
          <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'muted' : 'form-error'} data-testid="settings-status">
            {status.text}
          </p>
        ) : null}
      </form>
    </section>
  );
}
