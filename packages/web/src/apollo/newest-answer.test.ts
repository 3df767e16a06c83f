import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { Subject, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { newestAnswerLink } from './newest-answer';

const LETTER = gql`
  query Letter($id: ID!) {
    letter(id: $id) {
      status
    }
  }
`;
const WITHDRAW = gql`
  mutation Withdraw($id: ID!) {
    withdraw(id: $id)
  }
`;

/**
 * A page's link chain ending at a server the test answers by hand: each request waits until the test answers it,
 * in whatever order the test chooses (a slow network, a busy server).
 */
function page() {
  let token: string | null = 'session-1';
  const requests: { operation: string; answer: Subject<ApolloLink.Result> }[] = [];
  const server = new ApolloLink((operation) => {
    const answer = new Subject<ApolloLink.Result>();
    requests.push({ operation: operation.operationName ?? '', answer });
    return answer;
  });
  const link = ApolloLink.from([newestAnswerLink(() => token), server]);
  const client = new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.empty() });

  /** Sends a request through the chain; `delivered` is what the page receives for it. */
  function send(query: typeof LETTER, variables: Record<string, unknown> = { id: 'L1' }) {
    const observable: Observable<ApolloLink.Result> = ApolloLink.execute(link, { query, variables }, { client });
    const delivered: ApolloLink.Result[] = [];
    observable.subscribe({ next: (result) => delivered.push(result) });
    return delivered;
  }
  /** The server answers the n-th request it received (from 0). */
  function answer(n: number, result: ApolloLink.Result) {
    requests[n].answer.next(result);
    requests[n].answer.complete();
  }
  return {
    send,
    answer,
    requests,
    signInAs: (next: string) => void (token = next),
  };
}

const letter = (status: string): ApolloLink.Result => ({ data: { letter: { __typename: 'Letter', status } } });
const withdrawn: ApolloLink.Result = { data: { withdraw: true } };

describe('newest answer', () => {
  it('gives an earlier request the later request’s answer when the earlier one arrives last', () => {
    const browser = page();
    const first = browser.send(LETTER);
    const reload = browser.send(LETTER);
    browser.answer(1, letter('READ'));
    browser.answer(0, letter('SENT'));
    expect(reload).toEqual([letter('READ')]);
    expect(first).toEqual([letter('READ')]);
  });

  it('asks again a query whose request went out before a write the page made, even when a newer answer arrived before the write', () => {
    const browser = page();
    const first = browser.send(LETTER);
    const reload = browser.send(LETTER);
    browser.answer(1, letter('SENT')); // read before the withdrawal
    const write = browser.send(WITHDRAW);
    browser.answer(2, withdrawn);
    browser.answer(0, letter('SENT')); // also read before it
    // Not the reload's answer (it predates the withdrawal too): the question is asked again.
    expect(first).toEqual([]);
    expect(browser.requests.map((r) => r.operation)).toEqual(['Letter', 'Letter', 'Withdraw', 'Letter']);
    browser.answer(3, letter('WITHDRAWN'));
    expect(first).toEqual([letter('WITHDRAWN')]);
    expect(reload).toEqual([letter('SENT')]);
    expect(write).toEqual([withdrawn]);
  });

  it('does not count a refused write as a change', () => {
    const browser = page();
    const first = browser.send(LETTER);
    browser.send(WITHDRAW);
    browser.answer(1, { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
    browser.answer(0, letter('SENT'));
    expect(first).toEqual([letter('SENT')]);
    expect(browser.requests).toHaveLength(2);
  });

  it('never hands one session’s answer to another session’s request', () => {
    const browser = page();
    const signedOut = browser.send(LETTER);
    browser.signInAs('session-2');
    const nextSession = browser.send(LETTER);
    browser.answer(1, letter('READ'));
    browser.answer(0, letter('SENT'));
    expect(nextSession).toEqual([letter('READ')]);
    expect(signedOut).toEqual([letter('SENT')]);
  });

  it('stops asking again after three requests when changes never pause', () => {
    const browser = page();
    const first = browser.send(LETTER);
    for (let ask = 0; ask < 3; ask++) {
      browser.send(WITHDRAW);
      browser.answer(browser.requests.length - 1, withdrawn);
      browser.answer(browser.requests.length - 2, letter(`ASK ${ask + 1}`));
    }
    expect(browser.requests.filter((r) => r.operation === 'Letter')).toHaveLength(3);
    expect(first).toEqual([letter('ASK 3')]);
  });
});
