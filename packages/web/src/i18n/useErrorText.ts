import { useTranslation } from 'react-i18next';
import { describeError, type ErrorCode } from '../apollo/errors';

/**
 * Words an Apollo error for the user: the translation for its code, else the
 * server's message. `overrides` lets a screen say something more specific
 * (on the login page UNAUTHENTICATED means wrong credentials).
 */
export function useErrorText(): (error: unknown, overrides?: Partial<Record<ErrorCode, string>>) => string {
  const { t } = useTranslation();
  return (error, overrides = {}) => {
    const { code, message } = describeError(error);
    if (code) return overrides[code] ?? t(`errors.${code}`);
    return message ?? t('errors.NETWORK');
  };
}
