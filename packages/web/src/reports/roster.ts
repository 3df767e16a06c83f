import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../gql';

const SchoolRosterQuery = graphql(`
  query SchoolRoster {
    viewer {
      id
      school {
        id
        currentYear {
          id
          classes {
            id
            name
            students {
              id
              fullName
            }
            groups {
              id
              name
              subject {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export interface RosterGroup {
  id: string;
  /** «5А · Математика» */
  label: string;
}

/** The open year's classes as the control screens name things: a student with their class, a group with its subject (one query, cached). */
export function useSchoolRoster() {
  const { data } = useQuery(SchoolRosterQuery);
  return useMemo(() => {
    const classes = data?.viewer?.school?.currentYear?.classes ?? [];
    const students = new Map(classes.flatMap((c) => c.students.map((s) => [s.id, `${s.fullName}, ${c.name}`] as const)));
    const groups: RosterGroup[] = classes.flatMap((c) =>
      c.groups.map((g) => ({ id: g.id, label: `${g.name !== c.name ? `${c.name} (${g.name})` : c.name} · ${g.subject.name}` })),
    );
    return {
      loaded: !!data,
      studentName: (id: string) => students.get(id) ?? '',
      groups,
      groupName: (id: string) => groups.find((g) => g.id === id)?.label ?? '',
    };
  }, [data]);
}
