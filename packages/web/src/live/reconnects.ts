/**
 * The subscription socket came back after a loss. graphql-ws then resubscribes with each
 * operation's first variables; live streams restart with their latest cursor instead, so the
 * replay starts where the tab actually stopped.
 */
const listeners = new Set<() => void>();

export function onReconnected(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyReconnected(): void {
  for (const listener of listeners) listener();
}
