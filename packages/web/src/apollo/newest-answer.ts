import { ApolloLink } from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { defer, finalize, map } from 'rxjs';
import { questionKey } from './early';

/**
 * A query's answer never brings back what a newer answer to the same question already replaced.
 *
 * A screen reloads when a live event says its data changed (useDiaryLive, the class monitor, the inbox). Apollo
 * sends that reload beside the screen's first request, which may still be on its way with what was true before
 * the change, and writes whichever answer arrives last to the cache last. When the older one is the later to
 * arrive (a slow network, a busy server), the screen would fall back to the state before the change and stay
 * there. So, per operation and variables, an answer to an earlier request that arrives after a later request's
 * answer (with data) is replaced by that later answer. Requests are numbered as they are sent: a later request reads a later
 * state of the database.
 */
export function newestAnswerLink(): ApolloLink {
  let sent = 0;
  /** Per question (operation and variables) with a request in flight: the newest answer delivered so far. */
  const questions = new Map<string, { inFlight: number; newest?: { request: number; result: ApolloLink.Result } }>();

  return new ApolloLink((operation, forward) => {
    if (operation.operationType !== OperationTypeNode.QUERY) return forward(operation);
    return defer(() => {
      const key = questionKey(operation.operationName ?? '', operation.variables);
      const request = ++sent;
      const question = questions.get(key) ?? { inFlight: 0 };
      question.inFlight++;
      questions.set(key, question);
      return forward(operation).pipe(
        map((result) => {
          if (question.newest && question.newest.request > request) return question.newest.result;
          // Only data stands in for an older answer: a newer refusal or failure (a busy server) does not hide it.
          if ('data' in result && result.data && !result.errors?.length) question.newest = { request, result };
          return result;
        }),
        finalize(() => {
          if (--question.inFlight === 0) questions.delete(key);
        }),
      );
    });
  });
}
