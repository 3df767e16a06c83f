import { IdField } from '../../kernel/input-fields.js';
import { MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ImportFormat, { name: 'ImportFormat' });

export enum ImportMode {
  /** Any bad row and nothing is written. */
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  /** The good rows are written, in one transaction; the bad ones are reported. */
  VALID_ROWS = 'VALID_ROWS',
}
registerEnumType(ImportMode, { name: 'ImportMode' });

/** The most a file may hold (decoded); the HTTP body limit (BODY_LIMIT) applies first. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 3000;

@InputType({
  description:
    'A table with a header row. Columns (any order, English or Russian names): role; lastName; firstName; middleName; ' +
    'birthDate (YYYY-MM-DD or DD.MM.YYYY); class (students: "5А"); parentLogins (students: logins of parents in the file ' +
    'or the school, comma-separated, optionally "login:MOTHER|FATHER|GUARDIAN"); email; phone; login (generated when empty); ' +
    'position (staff). CSV is UTF-8, separated by ";" or ",".',
})
export class ImportPeopleInput {
  @IdField()
  schoolId!: string;

  @Field(() => ImportFormat)
  format!: ImportFormat;

  @Field(() => String)
  @MaxLength(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 4, { message: 'The file is larger than 2 MB.' })
  contentBase64!: string;

  @Field(() => ImportMode)
  mode!: ImportMode;
}

@ObjectType('ImportRow', { description: 'What became of one line of the file' })
export class ImportRow {
  @Field(() => Int, { description: 'Line of the file (the header is line 1)' })
  line!: number;

  @Field(() => Boolean, { description: 'The row is valid (it is written unless ALL_OR_NOTHING met a bad row)' })
  ok!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the row is refused' })
  error!: string | null;

  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'The login of the person created from this row' })
  login!: string | null;

  @Field(() => String, { nullable: true, description: 'Their one-time password, shown once' })
  initialPassword!: string | null;

  /** Not exposed: only the importer sees the report. */
  createdById!: string;
}

@ObjectType('ImportReport')
export class ImportReport {
  @Field(() => Int, { description: 'People written' })
  imported!: number;

  @Field(() => Boolean, { description: 'Whether anything was written' })
  committed!: boolean;

  @Field(() => [ImportRow])
  rows!: ImportRow[];

  /** Not exposed. */
  createdById!: string;
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    ImportRow: ImportRow;
    ImportReport: ImportReport;
  }
}
