/**
 * Requests whose viewer is loaded without its pupils (issue 16, bench P5). Collecting a teacher's pupils (a few
 * hundred students of their groups and classes) was most of the viewer statement's cost, and a journal write
 * never asks for them: its write rule decides on the groups taught, the lessons substituted and the roles held,
 * and its answer's type is judged by `canSeeStudentRecord` (the same facts). So an operation that is a mutation
 * whose every root field is a single write (policy/single-write.ts) and selects leaf fields only (no nested
 * object, whose rules might ask) is served a viewer whose `pupilIds` is `PUPILS_NOT_READ`: still loaded fresh,
 * by one statement, for this request; only that column is left out. Any decision that does ask throws.
 */
import { Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { WriteCheck } from '../policy/write-rule.js';

/** The operation `operationName` (or the only one) of `document` needs no pupils. */
export function pupilFree(document: DocumentNode | undefined, operationName: unknown, writeRules: Readonly<Record<string, WriteCheck>>): boolean {
  const operations = (document?.definitions ?? []).filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation =
    typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operation?.operation !== OperationTypeNode.MUTATION) return false;
  return operation.selectionSet.selections.every(
    (root) =>
      root.kind === Kind.FIELD &&
      writeRules[root.name.value]?.singleWrite === true &&
      (root.selectionSet?.selections ?? []).every((answered) => answered.kind === Kind.FIELD && !answered.selectionSet),
  );
}
