/** The same operation asked with the same variables: one key, whatever the order of the variables. */
export function questionKey(name: string, variables: Record<string, unknown>): string {
  const sorted = Object.keys(variables)
    .sort()
    .map((k) => [k, variables[k]]);
  return `${name} ${JSON.stringify(sorted)}`;
}

/** The same question asked by the same session (token; '' signed out): one session's answer never stands for another's. */
export const sessionQuestionKey = (token: string | null, name: string, variables: Record<string, unknown>): string =>
  `${token ?? ''} ${questionKey(name, variables)}`;
