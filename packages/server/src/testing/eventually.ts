const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `check` holds, asking again every `everyMs`; past `timeoutMs` it fails naming `what`. For processes and
 * connections outside the test's control (a server restarting, a socket reconnecting), not for domain time.
 */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, everyMs = 50): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await sleep(everyMs)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}
