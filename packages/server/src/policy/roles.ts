/** R-A1. A person can hold several roles at once (a teacher who is also a parent). */
export enum Role {
  SYSTEM_ADMIN = 'SYSTEM_ADMIN',
  SCHOOL_ADMIN = 'SCHOOL_ADMIN',
  DIRECTOR = 'DIRECTOR',
  DEPUTY_DIRECTOR = 'DEPUTY_DIRECTOR',
  TEACHER = 'TEACHER',
  CLASS_TEACHER = 'CLASS_TEACHER',
  STUDENT = 'STUDENT',
  PARENT = 'PARENT',
  INSPECTOR = 'INSPECTOR',
  SECRETARY = 'SECRETARY',
  HR = 'HR',
}
