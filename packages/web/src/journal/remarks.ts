import { graphql } from '../gql';

/** A group's journal remarks (R-J9), open ones first: the deputy's panel and the teacher's journal read the same list. */
export const JournalRemarksQuery = graphql(`
  query JournalRemarks($groupId: ID!) {
    journalRemarks(groupId: $groupId) {
      id
      text
      createdAt
      resolution
      resolvedAt
      author {
        id
        shortName
      }
    }
  }
`);
