import { useApolloClient } from '@apollo/client/react';
import { graphql } from '../gql';
import { useLiveStream } from '../live/useLiveStream';

const MessageEventsDocument = graphql(`
  subscription MessageEvents($schoolId: ID!, $after: ID) {
    messageEvents(schoolId: $schoolId, after: $after) {
      id
      type
      conversationId
    }
  }
`);

/** The messaging screens that show what a message event changes; only those on screen are asked again. */
const MESSAGING_QUERIES = ['UnreadMessageCount', 'Inbox', 'Conversation', 'OverdueLetters'];

/**
 * One stream per tab (the header mounts it): a new or retracted message, a read receipt or an overdue
 * letter makes the messaging queries on screen ask again (a conversation, only for its own events), so the badge, the inbox and the open
 * conversation follow live. The cursor resumes after a network loss like the diary's.
 */
export function useMessageLive(schoolId: string | null) {
  const client = useApolloClient();
  useLiveStream({
    stream: schoolId ? `messages.${schoolId}` : null,
    document: MessageEventsDocument,
    variables: { schoolId: schoolId ?? '' },
    pick: (data) => data.messageEvents,
    // An open conversation asks again for its own events only: its window may hold hundreds of messages.
    onEvent: (event) =>
      void client.refetchQueries({
        include: MESSAGING_QUERIES,
        onQueryUpdated: (query) => query.queryName !== 'Conversation' || (query.variables as { id?: string }).id === event.conversationId,
      }),
    onExpired: () => void client.refetchQueries({ include: MESSAGING_QUERIES }),
  });
}
