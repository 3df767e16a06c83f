import { ApolloLink } from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { defer, finalize, mergeMap, of, tap, type Observable } from 'rxjs';
import { sessionQuestionKey } from './question';

/** How often one query is asked, when changes keep being heard of while it is on its way. */
const MOST_ASKS = 3;

/**
 * A query's answer never brings back a state that the page has already seen replaced: neither by a newer answer to
 * the same question nor by a write the page made meanwhile.
 *
 * A screen reloads when a live event says its data changed (useDiaryLive, the class monitor, the inbox). Apollo
 * sends that reload beside the screen's first request, which may still be on its way with what was true before
 * the change, and writes whichever answer arrives last to the cache last. When the older one is the later to
 * arrive (a slow network, a busy server), the screen would fall back to the state before the change and stay
 * there. So, per operation and variables, an answer to an earlier request that arrives after a later request's
 * answer (with data) is replaced by that later answer. Requests are numbered as they are sent: a later request
 * reads a later state of the database.
 *
 * The same holds for a change the page learns of while a query is on its way: its own write (a mutation's answer)
 * or someone else's (a live event). That query may have read the database before the change; its answer, written
 * to the cache after the mutation's result, would undo it on screen (a withdrawn letter shown as sent again). And
 * a live event's reload does not fix it: Apollo joins a reload to an identical request already on its way
 * (query deduplication), so the reload's answer IS that older answer. So an answer to a request sent before the
 * latest change the page heard of is not delivered: the query is asked again (at most `MOST_ASKS` times in all,
 * for a page where changes never pause).
 *
 * Questions are told apart by session too (`session`: the token the request will carry), so an answer to a
 * signed-out session's request never stands in for the next session's identical one.
 */
export function newestAnswerLink(session: () => string | null): ApolloLink {
  let sent = 0;
  /** Changes heard of so far (mutations answered, live events received): a query sent before the latest may predate it. */
  let changesHeard = 0;
  /** Per question (operation and variables) with a request in flight: the newest answer delivered so far. */
  const questions = new Map<string, { inFlight: number; newest?: { request: number; result: ApolloLink.Result } }>();

  return new ApolloLink((operation, forward) => {
    // A refused write changed nothing; every live event (and every write that went through) is a change.
    if (operation.operationType !== OperationTypeNode.QUERY) return forward(operation).pipe(tap((result) => void (result.errors?.length || changesHeard++)));
    const key = sessionQuestionKey(session(), operation.operationName ?? '', operation.variables);
    const ask = (asks: number): Observable<ApolloLink.Result> =>
      defer(() => {
        const request = ++sent;
        const changesBefore = changesHeard;
        const question = questions.get(key) ?? { inFlight: 0 };
        question.inFlight++;
        questions.set(key, question);
        return forward(operation).pipe(
          mergeMap((result) => {
            // A change first: a newer answer that arrived before it may be as old as this one.
            if (changesHeard !== changesBefore && asks < MOST_ASKS) return ask(asks + 1);
            if (question.newest && question.newest.request > request) return of(question.newest.result);
            // Only data stands in for an older answer: a newer refusal or failure (a busy server) does not hide it.
            if ('data' in result && result.data && !result.errors?.length) question.newest = { request, result };
            return of(result);
          }),
          finalize(() => {
            if (--question.inFlight === 0) questions.delete(key);
          }),
        );
      });
    return ask(1);
  });
}
