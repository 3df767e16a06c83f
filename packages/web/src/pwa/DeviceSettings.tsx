import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';

const DeviceSettingsQuery = graphql(`
  query DeviceSettings {
    pushPublicKey
    pushSubscriptions {
      id
      device
      endpoint
      createdAt
    }
  }
`);

const RegisterPushMutation = graphql(`
  mutation RegisterPush($input: RegisterPushSubscriptionInput!) {
    registerPushSubscription(input: $input) {
      id
    }
  }
`);

const UnregisterPushMutation = graphql(`
  mutation UnregisterPush($endpoint: String!) {
    unregisterPushSubscription(endpoint: $endpoint)
  }
`);

/** The VAPID key as PushManager wants it: bytes, from base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** This browser's push subscription, if any. */
async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** "This device": push notices on or off for this browser (per device, R-C4 / issue 10). */
export function DeviceSettings() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(DeviceSettingsQuery);
  const [register] = useMutation(RegisterPushMutation);
  const [unregister] = useMutation(UnregisterPushMutation);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [device, setDevice] = useState(() => (/Mobi|Android|iPhone/i.test(navigator.userAgent) ? t('pwa.phone') : t('pwa.computer')));

  useEffect(() => {
    if (pushSupported()) void currentSubscription().then((s) => setEndpoint(s?.endpoint ?? null));
  }, []);

  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;

  const enabledHere = !!endpoint && data.pushSubscriptions.some((s) => s.endpoint === endpoint);

  async function enable(publicKey: string) {
    setBusy(true);
    setProblem(null);
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        setProblem(t('pwa.permissionDenied'));
        return;
      }
      const registration = await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const json = subscription.toJSON();
      await register({
        variables: {
          input: { endpoint: subscription.endpoint, p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '', device: device.trim() || t('pwa.computer') },
        },
      });
      setEndpoint(subscription.endpoint);
      await refetch();
    } catch (e) {
      // The browser's own refusals (no push service, say) carry their reason; the API's are worded.
      setProblem(e instanceof DOMException ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function disable(target: string) {
    setBusy(true);
    setProblem(null);
    try {
      await unregister({ variables: { endpoint: target } });
      if (target === endpoint) {
        await (await currentSubscription())?.unsubscribe();
        setEndpoint(null);
      }
      await refetch();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="device card" aria-labelledby="device-title">
      <h1 id="device-title" className="page-title">
        {t('pwa.deviceTitle')}
      </h1>
      <h2 className="subheading">{t('pwa.pushTitle')}</h2>
      <p className="muted">{t('pwa.pushText')}</p>
      {!pushSupported() ? (
        <p className="notice">{t('pwa.pushUnsupported')}</p>
      ) : !data.pushPublicKey ? (
        <p className="notice">{t('pwa.pushUnavailable')}</p>
      ) : enabledHere ? (
        <p>
          <span data-testid="push-state">{t('pwa.pushOn')}</span>{' '}
          <button type="button" className="button" disabled={busy} onClick={() => void disable(endpoint)} data-testid="push-disable">
            {t('pwa.pushDisable')}
          </button>
        </p>
      ) : (
        <div className="device__enable">
          <label className="field">
            <span>{t('pwa.deviceName')}</span>
            <input className="input" value={device} maxLength={100} onChange={(e) => setDevice(e.target.value)} />
          </label>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void enable(data.pushPublicKey!)} data-testid="push-enable">
            {t('pwa.pushEnable')}
          </button>
        </div>
      )}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {data.pushSubscriptions.length > 0 ? (
        <>
          <h2 className="subheading">{t('pwa.devices')}</h2>
          <ul className="device__list">
            {data.pushSubscriptions.map((s) => (
              <li key={s.id}>
                {s.device}
                {s.endpoint === endpoint ? ` (${t('pwa.thisDevice')})` : ''}{' '}
                <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => void disable(s.endpoint)}>
                  {t('pwa.pushDisable')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
