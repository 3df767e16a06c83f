import { useQuery } from '@apollo/client/react';
import { useDeferredValue, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';

/** The people list's own query (Query.people searches and pages on the server), asked for one short page. */
const PersonSearchQuery = graphql(`
  query AdminPersonSearch($schoolId: ID!, $role: Role, $search: String, $first: Int) {
    people(schoolId: $schoolId, role: $role, search: $search, first: $first) {
      id
      fullName
      login
    }
  }
`);

/** At most this many matches are shown: the rest narrow down as one types on. */
const MATCHES = 8;

export interface PickedPerson {
  id: string;
  fullName: string;
}

interface Props {
  schoolId: string;
  role: Role;
  label: string;
  value: PickedPerson | null;
  onChange: (person: PickedPerson) => void;
  /** What tells namesakes apart (a pupil's class), by the person's id. */
  detail?: (id: string) => string | null;
  testId: string;
}

/** Search as you type instead of a select of the whole school: a search field, the server's matches as buttons; a click chooses and clears the search. */
export function PersonPicker({ schoolId, role, label, value, onChange, detail, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const needle = useDeferredValue(search.trim());
  const { data, loading } = useQuery(PersonSearchQuery, { variables: { schoolId, role, search: needle, first: MATCHES }, skip: needle.length === 0 });
  const matches = needle.length === 0 ? [] : (data?.people ?? []);

  return (
    <div className="field person-picker" role="group" aria-labelledby={`${id}-label`} data-testid={testId}>
      <span id={`${id}-label`}>{label}</span>
      <input
        className="input"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t('admin.people.search')}
        aria-label={`${label}: ${t('admin.people.search')}`}
        aria-controls={`${id}-matches`}
        data-testid={`${testId}-search`}
      />
      <ul id={`${id}-matches`} className="plain-list person-picker__matches" aria-label={t('admin.picker.matches')}>
        {matches.map((p) => {
          const extra = detail?.(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-pressed={value?.id === p.id}
                onClick={() => {
                  onChange(p);
                  setSearch('');
                }}
                data-testid={`${testId}-option-${p.id}`}
              >
                {p.fullName}
                {extra ? ` (${extra})` : ''}
              </button>
            </li>
          );
        })}
      </ul>
      {needle && !loading && matches.length === 0 ? <p className="muted">{t('admin.picker.none')}</p> : null}
      <p className="muted" role="status" data-testid={`${testId}-chosen`}>
        {value ? t('admin.picker.chosen', { name: value.fullName }) : t('admin.picker.nobody')}
      </p>
    </div>
  );
}
