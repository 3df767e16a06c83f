import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { HomeSchooling } from './HomeSchooling';
import { ReportCompromise } from './ReportCompromise';
import { formText } from '../shared/form';

const UpdatePersonMutation = graphql(`
  mutation AdminUpdatePerson($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      id
      lastName
      firstName
      middleName
      fullName
      email
      phone
      birthDate
    }
  }
`);

const SetContractEndMutation = graphql(`
  mutation AdminSetContractEnd($grantId: ID!, $endsOn: LocalDate) {
    setContractEnd(grantId: $grantId, endsOn: $endsOn) {
      id
      endsOn
    }
  }
`);

/** Staff roles: they have contracts (R-A7); families do not. */
const STAFF = new Set<Role>(['DIRECTOR', 'DEPUTY_DIRECTOR', 'SCHOOL_ADMIN', 'SECRETARY', 'HR', 'TEACHER', 'CLASS_TEACHER']);

export interface EditablePerson {
  id: string;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  grants: { id: string; role: Role; active: boolean; position: string | null; endsOn: string | null }[];
}

interface Props {
  person: EditablePerson;
  onClose: () => void;
  onSaved: () => void;
  /** The administration of the person's school may report their account compromised (viewer.can.controlJournals). */
  canReportCompromise: boolean;
  /** Those who keep student records record a pupil's home schooling (viewer.can.keepStudentRecords). */
  canKeepStudentRecords: boolean;
}

/** R-O6, R-A7: a person's data and the end of each of their staff contracts; the server decides who may change what. */
export function PersonEditor({ person, onClose, onSaved, canReportCompromise, canKeepStudentRecords }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [updatePerson] = useMutation(UpdatePersonMutation);
  const [setContractEnd] = useMutation(SetContractEndMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const contracts = person.grants.filter((g) => g.active && STAFF.has(g.role));
  const isStudent = person.grants.some((g) => g.active && g.role === 'STUDENT');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => formText(form, name).trim();
    setProblem(null);
    try {
      await updatePerson({
        variables: {
          input: {
            userId: person.id,
            lastName: text('lastName'),
            firstName: text('firstName'),
            middleName: text('middleName') || null,
            email: text('email') || null,
            phone: text('phone') || null,
            birthDate: text('birthDate') || null,
          },
        },
      });
      for (const grant of contracts) {
        const endsOn = text(`endsOn-${grant.id}`) || null;
        if (endsOn !== grant.endsOn) await setContractEnd({ variables: { grantId: grant.id, endsOn } });
      }
      onSaved();
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  return (
    <Dialog title={t('admin.person.edit')} subtitle={person.fullName} onClose={onClose} testId="person-editor">
      <form className="admin-form" onSubmit={(e) => void onSubmit(e)}>
        {problem ? (
          <p className="form-error" role="alert" data-testid="person-editor-error">
            {problem}
          </p>
        ) : null}
        <label className="field">
          <span>{t('admin.people.lastName')}</span>
          <input className="input" name="lastName" required maxLength={100} defaultValue={person.lastName} />
        </label>
        <label className="field">
          <span>{t('admin.people.firstName')}</span>
          <input className="input" name="firstName" required maxLength={100} defaultValue={person.firstName} />
        </label>
        <label className="field">
          <span>{t('admin.people.middleName')}</span>
          <input className="input" name="middleName" maxLength={100} defaultValue={person.middleName ?? ''} />
        </label>
        <label className="field">
          <span>{t('admin.people.email')}</span>
          <input className="input" name="email" type="email" maxLength={200} defaultValue={person.email ?? ''} />
        </label>
        <label className="field">
          <span>{t('admin.person.phone')}</span>
          <input className="input" name="phone" type="tel" maxLength={40} defaultValue={person.phone ?? ''} />
        </label>
        <label className="field">
          <span>{t('admin.person.birthDate')}</span>
          <input className="input" name="birthDate" type="date" defaultValue={person.birthDate ?? ''} />
        </label>
        {contracts.map((g) => (
          <label key={g.id} className="field">
            <span>{t('admin.person.contractEnd', { role: t(`roles.${g.role}`), position: g.position ?? '' })}</span>
            <input className="input" name={`endsOn-${g.id}`} type="date" defaultValue={g.endsOn ?? ''} data-testid={`contract-end-${g.role}`} />
          </label>
        ))}
        <div className="toolbar">
          <button type="submit" className="button button--primary" data-testid="person-editor-save">
            {t('admin.person.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('admin.person.cancel')}
          </button>
        </div>
      </form>
      {canKeepStudentRecords && isStudent ? <HomeSchooling studentId={person.id} /> : null}
      {canReportCompromise ? <ReportCompromise userId={person.id} fullName={person.fullName} /> : null}
    </Dialog>
  );
}
