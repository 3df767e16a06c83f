import { graphql, type DocumentType } from '../gql';

/** The year's groups as the timetable's pickers need them; spread unmasked into their sections' fragments. */
const GroupOptions_year = graphql(`
  fragment GroupOptions_year on AcademicYear {
    classes {
      id
      name
      groups {
        id
        name
        subject {
          id
          name
        }
        teachers {
          id
        }
      }
    }
  }
`);

/** The open year's groups as the timetable names them: «5А · Математика (5А-1)». */
export function groupOptions(year: Pick<DocumentType<typeof GroupOptions_year>, 'classes'>) {
  return year.classes.flatMap((c) => c.groups.map((g) => ({ ...g, label: `${c.name} · ${g.subject.name}${g.name !== c.name ? ` (${g.name})` : ''}` })));
}
