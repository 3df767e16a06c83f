import { graphql } from '../gql';

/** One page of the journal; mutations write new marks straight into its cached result. */
export const JournalQuery = graphql(`
  query Journal($groupId: ID!, $periodId: ID!) {
    journal(groupId: $groupId, periodId: $periodId) {
      ...JournalGrid_page
    }
  }
`);
