import type { Role } from '../gql/graphql';

export const ru = {
  app: {
    name: 'Дневник',
    tagline: 'Электронный школьный дневник',
    loading: 'Загрузка…',
    retry: 'Повторить',
  },
  language: {
    label: 'Язык',
    ru: 'RU',
    en: 'EN',
    ruTitle: 'Русский',
    enTitle: 'English',
  },
  login: {
    title: 'Вход',
    login: 'Логин',
    password: 'Пароль',
    submit: 'Войти',
    invalidCredentials: 'Неверный логин или пароль',
  },
  header: {
    logout: 'Выйти',
  },
  welcome: {
    greeting: 'Здравствуйте, {{name}}!',
    text: 'Это ваш электронный дневник: здесь собраны сведения о школе и учёбе.',
  },
  children: {
    title: 'Ваши дети',
    empty: 'К вашей учётной записи пока не привязан ни один ребёнок.',
    schoolClass: 'Класс {{name}}',
    noClass: 'Класс не указан',
  },
  roles: {
    SYSTEM_ADMIN: 'Системный администратор',
    SCHOOL_ADMIN: 'Администратор школы',
    DIRECTOR: 'Директор',
    DEPUTY_DIRECTOR: 'Заместитель директора',
    TEACHER: 'Учитель',
    CLASS_TEACHER: 'Классный руководитель',
    STUDENT: 'Ученик',
    PARENT: 'Родитель',
    INSPECTOR: 'Инспектор',
    SECRETARY: 'Секретарь',
    HR: 'Специалист по кадрам',
  } satisfies Record<Role, string>,
  errors: {
    UNAUTHENTICATED: 'Сеанс завершён. Войдите снова.',
    FORBIDDEN: 'Недостаточно прав для этого действия.',
    BAD_USER_INPUT: 'Проверьте введённые данные.',
    NOT_FOUND: 'Запрошенные данные не найдены.',
    CONFLICT: 'Данные уже изменились. Обновите страницу и попробуйте снова.',
    INTERNAL: 'На сервере произошла ошибка. Попробуйте позже.',
    TOO_MANY_REQUESTS: 'Слишком много попыток. Подождите немного и попробуйте снова.',
    NETWORK: 'Нет связи с сервером. Проверьте подключение и попробуйте снова.',
    loadFailed: 'Не удалось загрузить данные.',
  },
};

/** Every language provides exactly these keys. */
export type Messages = typeof ru;
