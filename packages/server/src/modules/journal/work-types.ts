/** The work types every school starts with (R-O5); a school may change weights and add its own. */
export const DEFAULT_WORK_TYPES = [
  { code: 'У', name: 'Устный ответ', weight: 1, entryDays: 0 },
  { code: 'ДЗ', name: 'Домашняя работа', weight: 1, entryDays: 3 },
  { code: 'ПР', name: 'Письменная работа', weight: 2, entryDays: 7 },
  { code: 'СР', name: 'Самостоятельная работа', weight: 2, entryDays: 5 },
  { code: 'Д', name: 'Диктант', weight: 2, entryDays: 7 },
  { code: 'Т', name: 'Тест', weight: 2, entryDays: 5 },
  { code: 'ЛР', name: 'Лабораторная работа', weight: 2, entryDays: 7 },
  { code: 'КР', name: 'Контрольная работа', weight: 3, entryDays: 7 },
  { code: 'Э', name: 'Экзамен', weight: 4, entryDays: 7 },
];
