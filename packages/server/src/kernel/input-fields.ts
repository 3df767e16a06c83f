/**
 * One declaration per input field or scalar argument: its GraphQL type and every rule its value
 * must meet, checked at the edge before a service runs (nothing bad reaches SQL). Input classes use
 * the `…Field` decorators (class-validator runs them, `validateFn` in graphql/schema.ts);
 * resolver arguments use the `…Arg` twins, which run the same checks. A failed check answers
 * BAD_USER_INPUT with `extensions.field` and a machine-readable `extensions.reason` (kernel/errors.ts).
 */
import { IsOptional, registerDecorator, ValidateNested } from 'class-validator';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { createParameterDecorator, Field, Float, ID, Int } from 'type-graphql';
import { AppError } from './errors.js';
import type { Reason } from './reasons.js';

/** Why a value was refused: `extensions.reason` of a BAD_USER_INPUT error. */
export type InputReason = Extract<
  Reason,
  'TOO_LONG' | 'TOO_SHORT' | 'BLANK' | 'CONTROL_CHARACTER' | 'BAD_FORMAT' | 'OUT_OF_RANGE' | 'BAD_ID' | 'TOO_MANY' | 'TOO_FEW'
>;

/**
 * Lengths of text: a varchar column's own length, or a sane cap where the column is unbounded text.
 * Every field names one of these, so a limit is declared in one place.
 */
export const TEXT = {
  /** varchar(255) columns: names, numbers, reasons, places… */
  line: 255,
  /** A person's or a thing's name. */
  name: 200,
  /** A remark, a resolution, a homework, a description (text columns). */
  remark: 2000,
  /** A letter or a wall post (text columns). */
  message: 10000,
} as const;

/** Dates a school journal can mean: nothing before 1900 (birth dates) or after 2100 (plans). */
export const DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

/** PostgreSQL's `int`: what an Int argument without a narrower domain may hold. */
export const INT32 = { min: -2147483648, max: 2147483647 } as const;

/** The most rows one page of a list may ask for. */
export const PAGE_MAX = 1000;

/** A row's version (optimistic locking, an `int` column). */
export const VERSION = { min: 0, max: INT32.max } as const;

interface Check {
  reason: InputReason;
  /** True when the value (never null here) passes. */
  test: (value: never) => boolean;
  message: (field: string) => string;
}

/** type-graphql's `() => Type` (its own name for it is not exported). */
type ReturnTypeFunc = NonNullable<NonNullable<Parameters<typeof createParameterDecorator>[1]>['arg']>['typeFunc'];

/** A row's id as the database makes them; anything else finds no row (the HTTP routes refuse it before a query). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Tab, line feed and carriage return belong in a letter; no other control character belongs anywhere.
const CONTROL_IN_LINE = /\p{Cc}/u; // C0 controls and DEL (and C1, which no text needs either)
const CONTROL_IN_TEXT = /(?![\t\n\r])\p{Cc}/u;

export interface TextRule {
  max: number;
  /** At least this many characters after trimming (a reason of a few words). */
  min?: number;
  nullable?: boolean;
  description?: string;
  /** Line breaks and tabs allowed (letters, remarks, homework). */
  multiline?: boolean;
  /** An empty string means something here (e.g. a class without a letter); otherwise blank is refused. */
  allowEmpty?: boolean;
  /** A secret compared as typed (a password): not trimmed. */
  keepSpaces?: boolean;
  defaultValue?: string;
  /** The whole (trimmed) value must match, e.g. a time of day. */
  pattern?: { regex: RegExp; hint: string };
}

function textChecks(rule: TextRule): Check[] {
  const checks: Check[] = [
    { reason: 'TOO_LONG', test: (v: string) => v.length <= rule.max, message: (f) => `${f} must be at most ${rule.max} characters.` },
    {
      reason: 'CONTROL_CHARACTER',
      test: (v: string) => !(rule.multiline ? CONTROL_IN_TEXT : CONTROL_IN_LINE).test(v),
      message: (f) => `${f} contains a control character.`,
    },
  ];
  if (!rule.allowEmpty) checks.push({ reason: 'BLANK', test: (v: string) => v.trim() !== '', message: (f) => `${f} must not be blank.` });
  const min = rule.min ?? 0;
  if (min > 1)
    checks.push({
      reason: 'TOO_SHORT',
      test: (v: string) => v.trim() === '' || v.trim().length >= min,
      message: (f) => `${f} must be at least ${min} characters.`,
    });
  if (rule.pattern) {
    const { regex, hint } = rule.pattern;
    checks.push({ reason: 'BAD_FORMAT', test: (v: string) => v.trim() === '' || regex.test(v.trim()), message: (f) => `${f} must be ${hint}.` });
  }
  return checks;
}

const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export interface NumberRule {
  min: number;
  max: number;
  nullable?: boolean;
  description?: string;
  defaultValue?: number;
}

const rangeCheck = (rule: { min: number | string; max: number | string }): Check => ({
  reason: 'OUT_OF_RANGE',
  test: (v: number | string | Date) => {
    const x = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    return x >= rule.min && x <= rule.max;
  },
  message: (f) => `${f} must be between ${rule.min} and ${rule.max}.`,
});

const idCheck: Check = { reason: 'BAD_ID', test: (v: string) => UUID.test(v), message: (f) => `${f} is not a valid id.` };

/** A check of a list field applies to every item. */
const each = (check: Check): Check => ({
  ...check,
  test: (v: unknown) => (Array.isArray(v) ? v.every((x) => check.test(x as never)) : check.test(v as never)),
});

const sizeCheck = (max: number, min = 0): Check[] => [
  { reason: 'TOO_MANY', test: (v: unknown[]) => v.length <= max, message: (f) => `${f} may hold at most ${max} items.` },
  ...(min > 0 ? [{ reason: 'TOO_FEW' as const, test: (v: unknown[]) => v.length >= min, message: (f: string) => `${f} needs at least ${min} item(s).` }] : []),
];

interface Declaration {
  type: ReturnTypeFunc;
  nullable?: boolean;
  description?: string;
  defaultValue?: unknown;
  checks: Check[];
  /** What the service receives instead of the raw value (trimmed text); checks see it too. */
  transform?: (value: unknown) => unknown;
}

function inputField(d: Declaration): PropertyDecorator {
  return (prototype, key) => {
    const name = String(key);
    Field(d.type, { nullable: d.nullable, description: d.description, defaultValue: d.defaultValue })(prototype, key);
    if (d.nullable) IsOptional()(prototype, key);
    for (const check of d.checks) {
      registerDecorator({
        name: check.reason,
        target: prototype.constructor,
        propertyName: name,
        validator: { validate: (value: unknown) => value == null || check.test(value as never), defaultMessage: () => check.message(name) },
      });
    }
    const transform = d.transform;
    if (transform) {
      // type-graphql builds an input by assigning its fields (Object.assign): this setter stores the
      // transformed value as the instance's own property, so services and spreads see it.
      Object.defineProperty(prototype, key, {
        configurable: true,
        set(this: object, value: unknown) {
          Object.defineProperty(this, key, { value: transform(value), writable: true, enumerable: true, configurable: true });
        },
      });
    }
  };
}

function inputArg(name: string, d: Declaration) {
  return createParameterDecorator(
    ({ args }) => {
      const raw: unknown = args[name];
      if (raw == null) return raw;
      const value = d.transform ? d.transform(raw) : raw;
      const failed = d.checks.find((check) => !check.test(value as never));
      if (failed) throw new AppError('BAD_USER_INPUT', failed.reason, failed.message(name), { field: name });
      return value;
    },
    { arg: { name, typeFunc: d.type, options: { nullable: d.nullable, description: d.description, defaultValue: d.defaultValue } } },
  );
}

const text = (rule: TextRule): Declaration => ({ type: () => String, ...rule, checks: textChecks(rule), transform: rule.keepSpaces ? undefined : trim });
const id = (opts: { nullable?: boolean; description?: string }): Declaration => ({ type: () => ID, ...opts, checks: [idCheck] });
const ids = (opts: { max: number; min?: number; nullable?: boolean; description?: string }): Declaration => ({
  type: () => [ID],
  ...opts,
  checks: [...sizeCheck(opts.max, opts.min), each(idCheck)],
});
const int = (rule: NumberRule): Declaration => ({ type: () => Int, ...rule, checks: [rangeCheck(rule)] });
const date = (opts: { nullable?: boolean; description?: string; min?: string; max?: string }): Declaration => ({
  type: () => LocalDateResolver,
  ...opts,
  checks: [rangeCheck({ min: opts.min ?? DATE_RANGE.min, max: opts.max ?? DATE_RANGE.max })],
});
const dateTime = (opts: { nullable?: boolean; description?: string }): Declaration => ({
  type: () => DateTimeISOResolver,
  ...opts,
  checks: [rangeCheck(DATE_RANGE)],
});

/** Text: at most `max` characters, no control characters, not blank (unless `allowEmpty`); trimmed. */
export const TextField = (rule: TextRule) => inputField(text(rule));
export const TextArg = (name: string, rule: TextRule) => inputArg(name, text(rule));

/** An id of a row (UUID): anything else is BAD_ID before a query runs. */
export const IdField = (opts: { nullable?: boolean; description?: string } = {}) => inputField(id(opts));
export const IdArg = (name: string, opts: { nullable?: boolean; description?: string } = {}) => inputArg(name, id(opts));
export const IdListField = (opts: { max: number; min?: number; nullable?: boolean; description?: string }) => inputField(ids(opts));

/** An integer within its domain (a mark's scale, a lesson number…), never wider than `int`. */
export const IntField = (rule: NumberRule) => inputField(int(rule));
export const IntArg = (name: string, rule: NumberRule) => inputArg(name, int(rule));
export const FloatField = (rule: NumberRule) => inputField({ type: () => Float, ...rule, checks: [rangeCheck(rule)] });

/** A calendar date (LocalDate) within DATE_RANGE unless narrower bounds are given. */
export const DateField = (opts: { nullable?: boolean; description?: string; min?: string; max?: string } = {}) => inputField(date(opts));
export const DateArg = (name: string, opts: { nullable?: boolean; description?: string; min?: string; max?: string } = {}) => inputArg(name, date(opts));

/** A moment (DateTimeISO) within DATE_RANGE. */
export const DateTimeField = (opts: { nullable?: boolean; description?: string } = {}) => inputField(dateTime(opts));
export const DateTimeArg = (name: string, opts: { nullable?: boolean; description?: string } = {}) => inputArg(name, dateTime(opts));

/** A nested input object (or a list of them, at most `max`), validated field by field. */
export function NestedField(
  type: ReturnTypeFunc,
  opts: { list?: { max: number; min?: number }; nullable?: boolean; description?: string } = {},
): PropertyDecorator {
  return (prototype, key) => {
    inputField({
      type: opts.list ? () => [type()] : type,
      nullable: opts.nullable,
      description: opts.description,
      checks: opts.list ? sizeCheck(opts.list.max, opts.list.min) : [],
    })(prototype, key);
    ValidateNested()(prototype, key);
  };
}

/**
 * The end of a span at most `days` after its start (another field of the same input, checked
 * there): a school year, a holiday, an event. A reversed span is left to the service's own message.
 */
export function EndsWithin(startField: string, days: number): PropertyDecorator {
  return (prototype, key) => {
    registerDecorator({
      name: 'OUT_OF_RANGE',
      target: prototype.constructor,
      propertyName: String(key),
      validator: {
        validate: (end: unknown, args) => {
          const start = (args?.object as Record<string, unknown>)[startField];
          if (end == null || start == null) return true;
          return new Date(end as string | Date).getTime() - new Date(start as string | Date).getTime() <= days * 86_400_000;
        },
        defaultMessage: () => `${String(key)} must be at most ${days} days after ${startField}.`,
      },
    });
  };
}
