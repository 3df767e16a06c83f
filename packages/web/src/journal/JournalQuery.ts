import { graphql } from '../gql';

/**
 * One page of the journal; mutations write new marks straight into its cached result. The page has no id
 * of its own for the cache to find it by, so the grid's fragment comes unmasked: the screen hands the
 * grid this answer and reads only what it selects itself.
 */
export const JournalQuery = graphql(`
  query Journal($groupId: ID!, $periodId: ID!) {
    journal(groupId: $groupId, periodId: $periodId) {
      group {
        id
      }
      period {
        id
      }
      ...JournalGrid_page @unmask
    }
  }
`);
