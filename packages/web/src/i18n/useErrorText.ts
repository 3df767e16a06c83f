import { useTranslation } from 'react-i18next';
import { describeError, type ErrorCode } from '../apollo/errors';
import { reasonsRu } from './reasons';

const isKnownReason = (reason: string | undefined): reason is keyof typeof reasonsRu => !!reason && Object.hasOwn(reasonsRu, reason);

/**
 * Words an Apollo error for the user: the translation of the server's reason
 * (why it refused), else of its code, else the server's message. `overrides`
 * lets a screen say something more specific for a code (on the login page
 * UNAUTHENTICATED means wrong credentials).
 */
export function useErrorText(): (error: unknown, overrides?: Partial<Record<ErrorCode, string>>) => string {
  const { t } = useTranslation();
  return (error, overrides = {}) => {
    const { code, reason, message } = describeError(error);
    if (code && overrides[code]) return overrides[code];
    if (isKnownReason(reason)) return t(`reasons.${reason}`);
    if (code) return t(`errors.${code}`);
    return message ?? t('errors.NETWORK');
  };
}
