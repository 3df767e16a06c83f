import { errorExtension } from '../apollo/errors';
import { useErrorText } from '../i18n/useErrorText';
import { ScreenError } from '../shared/ScreenError';
import { ConsentNotice } from './ConsentNotice';

/** A diary that did not load: a missing consent gets an explanation, anything else a retry. */
export function DiaryError({ error, self, studentId, onRetry }: { error: unknown; self: boolean; studentId: string; onRetry: () => void }) {
  const errorText = useErrorText();
  if (errorExtension(error, 'reason') === 'CONSENT_REQUIRED') return <ConsentNotice self={self} studentId={studentId} childName={null} />;
  return <ScreenError error={errorText(error)} onRetry={onRetry} />;
}
