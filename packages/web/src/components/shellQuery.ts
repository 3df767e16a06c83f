import { graphql } from '../gql';

/**
 * The signed-in shell's data: main.tsx sends it as soon as the page starts, Shell.tsx reads it. It
 * carries what the diary and the journal screens start from (their own queries, DiaryScreen and
 * JournalScreen, then find it in the cache), so opening either asks the server once less before the
 * week or the grid can be asked for.
 */
export const ShellQuery = graphql(`
  query Shell {
    viewer {
      id
      roles
      # A teacher starts the day from «сегодня» (issue 17).
      taughtGroups {
        id
      }
      ...Header_viewer
      ...WelcomeCard_viewer
      ...Nav_viewer
      ...DiaryScreen_viewer
      ...JournalScreen_viewer
    }
  }
`);
