/** The sections of the administration screen, in tab order (also the `#/admin/<section>` paths). */
export const ADMIN_SECTIONS = ['people', 'year', 'classes', 'curriculum', 'timetable', 'movements', 'consents', 'exams'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The server's ability (Viewer.can) that opens each section: the web app offers what the policy allows, nothing copied. */
const SECTION_ABILITY = {
  people: 'listPeople',
  year: 'planYear',
  classes: 'editClasses',
  curriculum: 'editCurriculum',
  timetable: 'editTimetable',
  movements: 'keepStudentRecords',
  consents: 'keepStudentRecords',
  exams: 'keepExamRegister',
} as const satisfies Record<AdminSection, string>;

/** The sections this viewer may open, in tab order. */
export function sectionsFor(can: Record<(typeof SECTION_ABILITY)[AdminSection], boolean>): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => can[SECTION_ABILITY[s]]);
}
