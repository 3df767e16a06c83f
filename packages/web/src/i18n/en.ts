import type { Messages } from './ru';

export const en: Messages = {
  app: {
    name: 'Дневник',
    tagline: 'Electronic school diary',
    loading: 'Loading…',
    retry: 'Try again',
  },
  language: {
    label: 'Language',
    ru: 'RU',
    en: 'EN',
    ruTitle: 'Русский',
    enTitle: 'English',
  },
  login: {
    title: 'Sign in',
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    invalidCredentials: 'Incorrect login or password',
  },
  header: {
    logout: 'Sign out',
  },
  welcome: {
    greeting: 'Hello, {{name}}!',
    text: 'This is your electronic diary: your school and studies in one place.',
  },
  children: {
    title: 'Your children',
    empty: 'No children are linked to your account yet.',
    schoolClass: 'Class {{name}}',
    noClass: 'No class assigned',
  },
  roles: {
    SYSTEM_ADMIN: 'System administrator',
    SCHOOL_ADMIN: 'School administrator',
    DIRECTOR: 'Principal',
    DEPUTY_DIRECTOR: 'Deputy principal',
    TEACHER: 'Teacher',
    CLASS_TEACHER: 'Form teacher',
    STUDENT: 'Student',
    PARENT: 'Parent',
    INSPECTOR: 'Inspector',
    SECRETARY: 'Secretary',
    HR: 'HR specialist',
  },
  errors: {
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
    FORBIDDEN: 'You do not have permission to do this.',
    BAD_USER_INPUT: 'Please check what you entered.',
    NOT_FOUND: 'The requested data was not found.',
    CONFLICT: 'The data has changed meanwhile. Reload the page and try again.',
    INTERNAL: 'Something went wrong on the server. Please try again later.',
    TOO_MANY_REQUESTS: 'Too many attempts. Please wait a moment and try again.',
    NETWORK: 'Cannot reach the server. Check your connection and try again.',
    loadFailed: 'Could not load the data.',
  },
};
