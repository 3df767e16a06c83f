import { graphql } from '../gql';

/**
 * The signed-in shell's data: main.tsx sends it as soon as the page starts, Shell.tsx reads it and hands the
 * header and the nav their parts (unmasked: two cache watches fewer on every first page).
 */
export const ShellQuery = graphql(`
  query Shell {
    viewer {
      id
      roles
      # «Today» is the school's date (shared/dates.ts).
      timeZone
      # A teacher starts the day from «сегодня» (issue 17).
      taughtGroups {
        id
      }
      ...Header_viewer @unmask
      ...WelcomeCard_viewer
      ...Nav_viewer @unmask
    }
  }
`);
