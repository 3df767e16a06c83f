import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateField, IdField, NestedField, TextField } from '../../kernel/input-fields.js';
import { AcademicYearType } from './school.types.js';

/** What becomes of one pupil at the end of the year (the promotion order's decision for them). */
export enum PromotionDecision {
  /** Переведён в следующий класс. */
  PROMOTE = 'PROMOTE',
  /** Переведён условно: with an academic debt to clear next year. */
  PROMOTE_CONDITIONALLY = 'PROMOTE_CONDITIONALLY',
  /** Оставлен на повторное обучение: the same grade again. */
  REPEAT = 'REPEAT',
  /** Выпуск: after the 11th grade, or after the 9th for a pupil who leaves with the basic certificate. */
  GRADUATE = 'GRADUATE',
  /** Выбыл: leaves the school at the end of the year. */
  LEAVE = 'LEAVE',
}

registerEnumType(PromotionDecision, {
  name: 'PromotionDecision',
  description: 'A decision of the promotion order for one pupil (перевод, условный перевод, повторное обучение, выпуск, выбытие)',
});

@ObjectType('YearTransitionDebt', { description: 'An annual mark that is an academic debt: 2 (or lower), Н/А, незачёт' })
export class YearTransitionDebtType {
  @Field(() => String)
  subjectName!: string;

  @Field(() => String)
  value!: string;

  schoolId!: string;
}

@ObjectType('YearTransitionPupil', { description: "One pupil of the year's class and what becomes of them" })
export class YearTransitionPupilType {
  @Field(() => ID)
  studentId!: string;

  @Field(() => String)
  fullName!: string;

  @Field(() => [YearTransitionDebtType], { description: 'Annual marks that are academic debts' })
  debts!: YearTransitionDebtType[];

  @Field(() => PromotionDecision, { nullable: true, description: 'What the school proposes: none for a pupil with debts, who needs a decision' })
  suggested!: PromotionDecision | null;

  @Field(() => PromotionDecision, { nullable: true, description: "The decision (the administrator's, else the suggestion); null: still to decide" })
  decision!: PromotionDecision | null;

  @Field(() => [PromotionDecision], { description: "The decisions the pupil's grade allows" })
  allowed!: PromotionDecision[];

  @Field(() => String, { nullable: true, description: 'The class of the next year the decision puts the pupil in; null for leavers' })
  toClassName!: string | null;

  schoolId!: string;
}

@ObjectType('YearTransitionClass', { description: 'A class of the year and the class of the next year it becomes' })
export class YearTransitionClassType {
  @Field(() => ID)
  fromClassId!: string;

  @Field(() => String)
  fromClassName!: string;

  @Field(() => String, { nullable: true, description: 'e.g. 6А for 5А; null for the 11th grade, which graduates' })
  toClassName!: string | null;

  @Field(() => Boolean, { description: 'The class of the next year exists already (planned by hand): the transition fills it' })
  toClassExists!: boolean;

  @Field(() => String, { nullable: true, description: 'Классный руководитель, kept for the next class' })
  classTeacherName!: string | null;

  @Field(() => [YearTransitionPupilType], { description: 'Pupils in the class at the end of the year, by surname' })
  pupils!: YearTransitionPupilType[];

  schoolId!: string;
}

@ObjectType('YearTransition', { description: 'Issue 17: the promotion of a year into the next (перевод учащихся), as it would be made now' })
export class YearTransitionType {
  @Field(() => AcademicYearType)
  fromYear!: AcademicYearType;

  @Field(() => AcademicYearType, { nullable: true, description: 'The year after, when planned' })
  toYear!: AcademicYearType | null;

  @Field(() => [String], {
    description: 'Why it cannot be committed now: reason codes (YEAR_NOT_ENDED, NEXT_YEAR_MISSING, ALREADY_PROMOTED, DECISION_REQUIRED…)',
  })
  problems!: string[];

  @Field(() => String, { nullable: true, description: 'The number of the promotion order, once committed' })
  orderNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The date of the promotion order, once committed (YYYY-MM-DD)' })
  orderDate!: string | null;

  @Field(() => [YearTransitionClassType])
  classes!: YearTransitionClassType[];

  schoolId!: string;
}

@ObjectType('YearTransitionResult', { description: 'What a committed year transition did' })
export class YearTransitionResultType {
  @Field(() => AcademicYearType)
  fromYear!: AcademicYearType;

  @Field(() => AcademicYearType)
  toYear!: AcademicYearType;

  @Field(() => Int, { description: 'Classes of the next year created (existing ones are filled)' })
  classesCreated!: number;

  @Field(() => Int, { description: 'Whole-class study groups of the next year created' })
  groupsCreated!: number;

  @Field(() => Int)
  promoted!: number;

  @Field(() => Int)
  promotedConditionally!: number;

  @Field(() => Int)
  repeating!: number;

  @Field(() => Int)
  graduated!: number;

  @Field(() => Int)
  left!: number;

  schoolId!: string;
}

/** How many pupils one transition may name decisions for. */
const MAX_DECISIONS = 5000;

@InputType({ description: "One pupil's decision, replacing the suggestion" })
export class PupilDecisionInput {
  @IdField()
  studentId!: string;

  @Field(() => PromotionDecision)
  decision!: PromotionDecision;
}

@InputType()
export class YearTransitionInput {
  @IdField({ description: 'The year that ends' })
  yearId!: string;

  @NestedField(() => PupilDecisionInput, { list: { max: MAX_DECISIONS }, nullable: true })
  decisions?: PupilDecisionInput[] | null;
}

@InputType()
export class CommitYearTransitionInput extends YearTransitionInput {
  @TextField({ max: 50, description: 'Номер переводного приказа' })
  orderNumber!: string;

  @DateField({ description: 'The date of the order' })
  orderDate!: string;

  @Field(() => Boolean, { description: 'Also close the year (read-only) in the same transaction' })
  closeYear!: boolean;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    YearTransitionDebt: YearTransitionDebtType;
    YearTransitionPupil: YearTransitionPupilType;
    YearTransitionClass: YearTransitionClassType;
    YearTransition: YearTransitionType;
    YearTransitionResult: YearTransitionResultType;
  }
}
