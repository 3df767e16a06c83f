import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { EmailMode, NoticeKind, NotificationSettingsQuery } from '../gql/graphql';
import { errorExtension } from '../apollo/errors';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';

const SettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      email
      phone
      emailMode
      smsKinds
      quietFrom
      quietTo
      paperReports
    }
    viewer {
      id
      children {
        id
      }
    }
  }
`);

const SaveSettingsDocument = graphql(`
  mutation SetNotificationSettings($input: NotificationSettingsInput!) {
    setNotificationSettings(input: $input) {
      email
      phone
      emailMode
      smsKinds
      quietFrom
      quietTo
      paperReports
    }
  }
`);

const EMAIL_MODES: EmailMode[] = ['INSTANT', 'DAILY_DIGEST', 'OFF'];
const KINDS: NoticeKind[] = [
  'MARK',
  'MARK_WARNING',
  'FINAL_MARK',
  'ATTENDANCE',
  'REMARK',
  'MESSAGE',
  'CLASS_WALL',
  'EXAM_RESULT',
  'OVERDUE_LETTER',
  'PROGRESS_REPORT',
];

/** R-C4: in-app always; e-mail instant or as a daily digest; SMS per kind; quiet hours; a parent's progress reports on paper (issue 18). */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(SettingsDocument);
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  return <SettingsForm settings={data.notificationSettings} parent={!!data.viewer?.children.length} />;
}

function SettingsForm({ settings, parent }: { settings: NotificationSettingsQuery['notificationSettings']; parent: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [emailMode, setEmailMode] = useState(settings.emailMode);
  const [smsKinds, setSmsKinds] = useState<readonly NoticeKind[]>(settings.smsKinds);
  const [quietFrom, setQuietFrom] = useState(settings.quietFrom);
  const [quietTo, setQuietTo] = useState(settings.quietTo);
  const [paperReports, setPaperReports] = useState(settings.paperReports);
  const [status, setStatus] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SaveSettingsDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    try {
      await save({ variables: { input: { emailMode, smsKinds: [...smsKinds], quietFrom, quietTo, ...(parent ? { paperReports } : {}) } } });
      setStatus(t('notify.saved'));
    } catch (e) {
      // The settings need an address or a number in the personal data: say which.
      const field = errorExtension(e, 'field');
      setStatus(field === 'emailMode' ? t('notify.noEmail') : field === 'smsKinds' ? t('notify.noPhone') : errorText(e));
    }
  };

  return (
    <section aria-labelledby="notify-title">
      <h1 id="notify-title" className="page-title">
        {t('notify.title')}
      </h1>
      <form className="card form" onSubmit={(e) => void submit(e)} data-testid="notify-form">
        <p className="muted">{t('notify.inApp')}</p>
        <fieldset className="fieldset">
          <legend>{t('notify.email')}</legend>
          <p className="muted">{settings.email ? t('notify.emailTo', { email: settings.email }) : t('notify.noEmail')}</p>
          {EMAIL_MODES.map((mode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name="emailMode"
                checked={emailMode === mode}
                disabled={!settings.email && mode !== 'OFF'}
                onChange={() => setEmailMode(mode)}
                data-testid={`email-mode-${mode}`}
              />
              {t(`notify.emailMode.${mode}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('notify.sms')}</legend>
          <p className="muted">{settings.phone ? t('notify.smsTo', { phone: settings.phone }) : t('notify.noPhone')}</p>
          {KINDS.map((kind) => (
            <label key={kind} className="check">
              <input
                type="checkbox"
                checked={smsKinds.includes(kind)}
                disabled={!settings.phone}
                onChange={(e) => setSmsKinds(e.target.checked ? [...smsKinds, kind] : smsKinds.filter((k) => k !== kind))}
                data-testid={`sms-${kind}`}
              />
              {t(`notify.kinds.${kind}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('notify.quiet')}</legend>
          <label className="check">
            {t('notify.quietFrom')} <input type="time" className="input input--narrow" value={quietFrom} onChange={(e) => setQuietFrom(e.target.value)} />
          </label>
          <label className="check">
            {t('notify.quietTo')} <input type="time" className="input input--narrow" value={quietTo} onChange={(e) => setQuietTo(e.target.value)} />
          </label>
        </fieldset>
        {parent ? (
          <fieldset className="fieldset">
            <legend>{t('notify.paper')}</legend>
            <label className="check">
              <input type="checkbox" checked={paperReports} onChange={(e) => setPaperReports(e.target.checked)} data-testid="notify-paper" />
              {t('notify.paperReports')}
            </label>
          </fieldset>
        ) : null}
        {status ? (
          <p className="muted" role="status" data-testid="notify-status">
            {status}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={loading} data-testid="notify-save">
          {t('notify.save')}
        </button>
      </form>
    </section>
  );
}
