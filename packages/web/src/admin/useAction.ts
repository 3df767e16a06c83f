import { useState } from 'react';
import { useErrorText } from '../i18n/useErrorText';
import { formText } from '../shared/form';

/** Runs an admin write, then `after` (a refetch); a refusal is kept as text for the section to show. */
export function useAction(after: () => Promise<unknown>) {
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setProblem(null);
    try {
      await action();
      await after();
      return true;
    } catch (e) {
      setProblem(errorText(e));
      return false;
    }
  }
  return { run, problem };
}

/** A form field's trimmed text, or undefined when empty. */
export function field(form: FormData, name: string): string | undefined {
  return formText(form, name).trim() || undefined;
}
