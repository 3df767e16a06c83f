import { graphql } from '../gql';
import type { AdminStaffQuery } from '../gql/graphql';

/** The teachers to pick from, for the sections that plan classes and the timetable. */
export const AdminStaffDocument = graphql(`
  query AdminStaff($schoolId: ID!) {
    people(schoolId: $schoolId, role: TEACHER) {
      id
      fullName
    }
  }
`);

export type Staff = AdminStaffQuery['people'][number];
