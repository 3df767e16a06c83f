import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { ImportFormat, ImportMode, ImportPeopleMutation, Role } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { PersonEditor, type EditablePerson } from './PersonEditor';
import { field } from './useAction';
import { formText } from '../shared/form';

const ROLES: Role[] = ['DIRECTOR', 'DEPUTY_DIRECTOR', 'SCHOOL_ADMIN', 'SECRETARY', 'HR', 'TEACHER', 'CLASS_TEACHER', 'PARENT', 'STUDENT'];

/** A page of the list: the server searches and pages (a school has hundreds of people). */
const PAGE = 50;

/** R-A7: HR's reminder window, the contracts that end within this many days (the server's today). */
const ENDING_SOON_DAYS = 30;

const PeopleQuery = graphql(`
  query AdminPeople($schoolId: ID!, $role: Role, $search: String, $offset: Int, $first: Int, $contractEndsWithinDays: Int) {
    people(schoolId: $schoolId, role: $role, search: $search, offset: $offset, first: $first, contractEndsWithinDays: $contractEndsWithinDays) {
      id
      fullName
      lastName
      firstName
      middleName
      email
      phone
      birthDate
      login
      active
      grants {
        id
        role
        active
        position
        endsOn
      }
    }
  }
`);

const CreatePersonMutation = graphql(`
  mutation AdminCreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      initialPassword
      person {
        id
        fullName
        login
      }
    }
  }
`);

const GrantRoleMutation = graphql(`
  mutation AdminGrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      id
    }
  }
`);

const RevokeRoleMutation = graphql(`
  mutation AdminRevokeRole($grantId: ID!) {
    revokeRole(grantId: $grantId) {
      id
      active
    }
  }
`);

const LinkGuardianMutation = graphql(`
  mutation AdminLinkGuardian($kind: GuardianKind!, $parentId: ID!, $studentId: ID!, $reason: String!) {
    linkGuardian(kind: $kind, parentId: $parentId, studentId: $studentId, reason: $reason) {
      parentId
    }
  }
`);

const EndGuardianshipMutation = graphql(`
  mutation AdminEndGuardianship($parentId: ID!, $studentId: ID!, $reason: String!) {
    endGuardianship(parentId: $parentId, studentId: $studentId, reason: $reason)
  }
`);

const LinkIdentityMutation = graphql(`
  mutation AdminLinkIdentity($userId: ID!, $subject: String!, $reason: String!) {
    linkOidcIdentity(userId: $userId, subject: $subject, reason: $reason)
  }
`);

const UnlinkIdentityMutation = graphql(`
  mutation AdminUnlinkIdentity($userId: ID!, $reason: String!) {
    unlinkOidcIdentity(userId: $userId, reason: $reason)
  }
`);

const ImportPeopleMutation = graphql(`
  mutation ImportPeople($input: ImportPeopleInput!) {
    importPeople(input: $input) {
      committed
      imported
      rows {
        line
        ok
        fullName
        login
        initialPassword
        error
      }
    }
  }
`);

function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((reader.result as string).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

interface Props {
  schoolId: string;
  /** viewer.can.controlJournals: the person editor offers to report an account compromised. */
  canReportCompromise: boolean;
  /** viewer.can.keepStudentRecords: the person editor records a pupil's home schooling. */
  canKeepStudentRecords: boolean;
}

/** People of the school: create (the one-time password shown once), roles, guardians, bulk import. */
export function PeopleSection({ schoolId, canReportCompromise, canKeepStudentRecords }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [endingSoon, setEndingSoon] = useState(false);
  const [editing, setEditing] = useState<EditablePerson | null>(null);
  // Typing does not refetch per key: the deferred value lags behind while the last answer shows.
  const needle = useDeferredValue(search.trim());
  // One more than a page: whether there is a next one.
  const { data, error, refetch } = useQuery(PeopleQuery, {
    variables: {
      schoolId,
      role: role || undefined,
      search: needle || undefined,
      offset,
      first: PAGE + 1,
      contractEndsWithinDays: endingSoon ? ENDING_SOON_DAYS : undefined,
    },
  });
  const [createPerson] = useMutation(CreatePersonMutation);
  const [grantRole] = useMutation(GrantRoleMutation);
  const [revokeRole] = useMutation(RevokeRoleMutation);
  const [linkGuardian] = useMutation(LinkGuardianMutation);
  const [endGuardianship] = useMutation(EndGuardianshipMutation);
  const [linkIdentity] = useMutation(LinkIdentityMutation);
  const [unlinkIdentity] = useMutation(UnlinkIdentityMutation);
  const [importPeople] = useMutation(ImportPeopleMutation);
  const [created, setCreated] = useState<{ fullName: string; login: string; password: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportPeopleMutation['importPeople'] | null>(null);
  const [saved, setSaved] = useState(false);

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    setSaved(false);
    try {
      await action();
      await refetch();
      setSaved(true);
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    void run(async () => {
      const result = await createPerson({
        variables: {
          input: {
            schoolId,
            lastName: field(form, 'lastName') ?? '',
            firstName: field(form, 'firstName') ?? '',
            middleName: field(form, 'middleName'),
            login: field(form, 'login'),
            email: field(form, 'email'),
            roles: [formText(form, 'role') as Role],
          },
        },
      });
      const payload = result.data?.createPerson;
      if (payload) {
        setCreated({ fullName: payload.person.fullName, login: payload.person.login, password: payload.initialPassword });
        target.reset();
      }
    });
  }

  function onGrant(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(() =>
      grantRole({
        variables: { input: { schoolId, userId: formText(form, 'userId'), role: formText(form, 'role') as Role, position: field(form, 'position') } },
      }),
    );
  }

  /** The button pressed decides: link, or end the link (both with the reason, kept in the audit log). */
  const pressed = (event: FormEvent<HTMLFormElement>) => ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;

  function onLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const pair = { parentId: formText(form, 'parentId'), studentId: formText(form, 'studentId'), reason: formText(form, 'reason') };
    void run(() =>
      pressed(event) === 'end'
        ? endGuardianship({ variables: pair })
        : linkGuardian({ variables: { ...pair, kind: formText(form, 'kind') as 'MOTHER' | 'FATHER' | 'GUARDIAN' } }),
    );
  }

  function onIdentity(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const who = { userId: formText(form, 'userId'), reason: formText(form, 'reason') };
    void run(() =>
      pressed(event) === 'end' ? unlinkIdentity({ variables: who }) : linkIdentity({ variables: { ...who, subject: formText(form, 'subject').trim() } }),
    );
  }

  function onImport(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    const format: ImportFormat = /\.xlsx$/i.test(file.name) ? 'XLSX' : 'CSV';
    void run(async () => {
      const result = await importPeople({
        variables: { input: { schoolId, format, mode: formText(form, 'mode') as ImportMode, contentBase64: await fileBase64(file) } },
      });
      setReport(result.data?.importPeople ?? null);
    });
  }

  const people = (data?.people ?? []).slice(0, PAGE);
  const hasNext = (data?.people.length ?? 0) > PAGE;
  const parents = people.filter((p) => p.grants.some((g) => g.active && g.role === 'PARENT'));
  const students = people.filter((p) => p.grants.some((g) => g.active && g.role === 'STUDENT'));

  return (
    <div className="admin-grid">
      {problem ? (
        <p className="form-error admin-grid__wide" role="alert" data-testid="admin-error">
          {problem}
        </p>
      ) : saved ? (
        <p className="notice admin-grid__wide" role="status">
          {t('admin.saved')}
        </p>
      ) : null}
      {created ? (
        <div className="card notice admin-grid__wide" role="status" data-testid="created-person">
          <p>{t('admin.people.created', { name: created.fullName, login: created.login })}</p>
          <p>
            {t('admin.people.password')} <code data-testid="initial-password">{created.password}</code>
          </p>
          <p className="muted">{t('admin.people.passwordOnce')}</p>
          <button type="button" className="button button--small" onClick={() => setCreated(null)}>
            {t('admin.people.passwordNoted')}
          </button>
        </div>
      ) : null}

      {/* The list first: finding a person is the daily task, creating one is rarer. */}
      <div className="card admin-grid__wide">
        <div className="toolbar">
          <h2 className="subheading">{t('admin.people.list')}</h2>
          <input
            className="input"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
            placeholder={t('admin.people.search')}
            aria-label={t('admin.people.search')}
            data-testid="people-search"
          />
          <select
            className="select"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role | '');
              setOffset(0);
            }}
            aria-label={t('admin.people.role')}
          >
            <option value="">{t('admin.people.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={endingSoon}
              onChange={(e) => {
                setEndingSoon(e.target.checked);
                setOffset(0);
              }}
              data-testid="people-ending-soon"
            />
            {t('admin.people.endingSoon', { days: ENDING_SOON_DAYS })}
          </label>
        </div>
        {error && !data ? (
          <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="table" data-testid="people-table">
              <thead>
                <tr>
                  <th>{t('admin.people.name')}</th>
                  <th>{t('admin.people.login')}</th>
                  <th>{t('admin.people.roles')}</th>
                  <th>{t('admin.people.contractEnd')}</th>
                  <th>
                    <span className="visually-hidden">{t('admin.person.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id} data-testid={`person-${p.login}`}>
                    <td>{p.fullName}</td>
                    <td>{p.login}</td>
                    <td>
                      {p.grants
                        .filter((g) => g.active)
                        .map((g) => (
                          <span key={g.id} className="chip">
                            {t(`roles.${g.role}`)}
                            {g.position ? ` (${g.position})` : ''}
                            <button
                              type="button"
                              className="chip__remove"
                              aria-label={t('admin.people.revoke')}
                              title={t('admin.people.revoke')}
                              onClick={() => void run(() => revokeRole({ variables: { grantId: g.id } }))}
                            >
                              ×
                            </button>
                          </span>
                        ))}
                    </td>
                    <td data-testid={`person-contract-end-${p.login}`}>
                      {p.grants
                        .filter((g) => g.active && g.endsOn)
                        .map((g) => formatDate(g.endsOn!, lng, { day: 'numeric', month: 'long', year: 'numeric' }))
                        .join(', ')}
                    </td>
                    <td>
                      <button type="button" className="button button--small" onClick={() => setEditing(p)} data-testid={`edit-${p.login}`}>
                        {t('admin.person.editShort')}
                        <span className="visually-hidden"> {p.fullName}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="toolbar">
          <span className="muted" data-testid="people-range">
            {people.length ? t('admin.person.range', { from: offset + 1, to: offset + people.length }) : t('admin.person.none')}
          </span>
          <button
            type="button"
            className="button button--small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
            data-testid="people-prev"
          >
            {t('admin.person.prev')}
          </button>
          <button type="button" className="button button--small" disabled={!hasNext} onClick={() => setOffset(offset + PAGE)} data-testid="people-next">
            {t('admin.person.next')}
          </button>
        </div>
        {editing ? (
          <PersonEditor
            person={editing}
            onClose={() => setEditing(null)}
            canReportCompromise={canReportCompromise}
            canKeepStudentRecords={canKeepStudentRecords}
            onSaved={() => {
              setEditing(null);
              void run(() => Promise.resolve());
            }}
          />
        ) : null}
      </div>
      <form className="card admin-form" onSubmit={onCreate} data-testid="create-person-form">
        <h2 className="subheading">{t('admin.people.create')}</h2>
        <label className="field">
          <span>{t('admin.people.lastName')}</span>
          <input className="input" name="lastName" required maxLength={100} />
        </label>
        <label className="field">
          <span>{t('admin.people.firstName')}</span>
          <input className="input" name="firstName" required maxLength={100} />
        </label>
        <label className="field">
          <span>{t('admin.people.middleName')}</span>
          <input className="input" name="middleName" maxLength={100} />
        </label>
        <label className="field">
          <span>{t('admin.people.login')}</span>
          <input className="input" name="login" maxLength={100} placeholder={t('admin.people.loginAuto')} />
        </label>
        <label className="field">
          <span>{t('admin.people.email')}</span>
          <input className="input" name="email" type="email" maxLength={200} />
        </label>
        <label className="field">
          <span>{t('admin.people.role')}</span>
          <select className="select" name="role" defaultValue="TEACHER">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="create-person-submit">
          {t('admin.people.createSubmit')}
        </button>
      </form>

      <form className="card admin-form" onSubmit={onImport}>
        <h2 className="subheading">{t('admin.people.import')}</h2>
        <p className="muted">{t('admin.people.importHint')}</p>
        <input className="input" type="file" name="file" accept=".csv,.xlsx,text/csv" required aria-label={t('admin.people.importFile')} />
        <label className="field">
          <span>{t('admin.people.importMode')}</span>
          <select className="select" name="mode" defaultValue="ALL_OR_NOTHING">
            <option value="ALL_OR_NOTHING">{t('admin.people.allOrNothing')}</option>
            <option value="VALID_ROWS">{t('admin.people.validRows')}</option>
          </select>
        </label>
        <button type="submit" className="button button--primary">
          {t('admin.people.importSubmit')}
        </button>
        {report ? (
          <div data-testid="import-report">
            <p>{report.committed ? t('admin.people.imported', { count: report.imported }) : t('admin.people.notImported')}</p>
            <div className="table-scroll" tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('admin.people.line')}</th>
                    <th>{t('admin.people.name')}</th>
                    <th>{t('admin.people.login')}</th>
                    <th>{t('admin.people.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((row) => (
                    <tr key={row.line} className={row.ok ? undefined : 'row--error'}>
                      <td>{row.line}</td>
                      <td>{row.fullName}</td>
                      <td>{row.login}</td>
                      <td>{row.ok ? row.initialPassword ? <code>{row.initialPassword}</code> : '✓' : row.error}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}
      </form>

      <form className="card admin-form" onSubmit={onGrant}>
        <h2 className="subheading">{t('admin.people.grant')}</h2>
        <p className="muted">{t('admin.person.pickHint')}</p>
        <PersonField label={t('admin.people.person')} name="userId" people={people} />
        <label className="field">
          <span>{t('admin.people.role')}</span>
          <select className="select" name="role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.people.position')}</span>
          <input className="input" name="position" maxLength={200} />
        </label>
        <button type="submit" className="button button--primary">
          {t('admin.people.grantSubmit')}
        </button>
      </form>

      <form className="card admin-form" onSubmit={onLink}>
        <h2 className="subheading">{t('admin.people.link')}</h2>
        <PersonField label={t('roles.PARENT')} name="parentId" people={parents} />
        <PersonField label={t('roles.STUDENT')} name="studentId" people={students} />
        <label className="field">
          <span>{t('admin.people.kind')}</span>
          <select className="select" name="kind">
            {(['MOTHER', 'FATHER', 'GUARDIAN'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`admin.guardian.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <LinkOrEnd />
      </form>

      <form className="card admin-form" onSubmit={onIdentity}>
        <h2 className="subheading">{t('admin.people.identity')}</h2>
        <PersonField label={t('admin.people.person')} name="userId" people={people} />
        <label className="field">
          <span>{t('admin.people.subject')}</span>
          <input className="input" name="subject" />
        </label>
        <LinkOrEnd />
      </form>
    </div>
  );
}

/** A required choice of one of the listed people, sent as the form field `name`. */
function PersonField({ label, name, people }: { label: string; name: string; people: readonly { id: string; fullName: string }[] }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select className="select" name={name} required>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.fullName}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The reason a link or its end needs, and the two buttons (the pressed one's `value` says which). */
function LinkOrEnd() {
  const { t } = useTranslation();
  return (
    <>
      <label className="field">
        <span>{t('admin.people.reason')}</span>
        <input className="input" name="reason" required />
      </label>
      <div className="toolbar">
        <button type="submit" className="button button--primary" value="link">
          {t('admin.people.linkSubmit')}
        </button>
        <button type="submit" className="button" value="end">
          {t('admin.people.unlinkSubmit')}
        </button>
      </div>
    </>
  );
}
