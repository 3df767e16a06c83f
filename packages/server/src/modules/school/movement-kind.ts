/**
 * R-O7: every kind of движение учащихся, each made by an order (приказ). In the school module: the year transition
 * records three of them; the people module records the others (people/movement.entity.ts).
 */
export enum MovementKind {
  ENROLMENT = 'ENROLMENT',
  TRANSFER = 'TRANSFER',
  ARRIVAL = 'ARRIVAL',
  DEPARTURE = 'DEPARTURE',
  EXPULSION = 'EXPULSION',
  GRADUATION = 'GRADUATION',
  /** Перевод в следующий класс, by the year transition only (modules/school/year-transition.service.ts). */
  PROMOTION = 'PROMOTION',
  /** Условный перевод: promoted with an academic debt to clear. */
  CONDITIONAL_PROMOTION = 'CONDITIONAL_PROMOTION',
  /** Оставлен на повторное обучение: the same grade again next year. */
  REPETITION = 'REPETITION',
}
