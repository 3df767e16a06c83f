/** The sections of the administration screen, in tab order (also the `#/admin/<section>` paths). */
export const ADMIN_SECTIONS = ['people', 'year', 'classes', 'curriculum', 'timetable', 'movements', 'consents'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** Roles that administer a school (see canAdministerSchool on the server). */
export const ADMIN_ROLES = ['DIRECTOR', 'DEPUTY_DIRECTOR', 'SCHOOL_ADMIN', 'SECRETARY', 'HR'] as const;
