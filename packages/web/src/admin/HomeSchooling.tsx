import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';

const HomeSchoolingQuery = graphql(`
  query AdminHomeSchooling($studentId: ID!) {
    homeSchooling(studentId: $studentId) {
      id
      startsOn
      endsOn
    }
  }
`);

const StartHomeSchoolingMutation = graphql(`
  mutation AdminStartHomeSchooling($input: StartHomeSchoolingInput!) {
    startHomeSchooling(input: $input) {
      id
      startsOn
      endsOn
    }
  }
`);

const EndHomeSchoolingMutation = graphql(`
  mutation AdminEndHomeSchooling($input: EndHomeSchoolingInput!) {
    endHomeSchooling(input: $input) {
      id
      startsOn
      endsOn
    }
  }
`);

/** Issue 18: обучение на дому (ОВЗ): from a day on the pupil is kept in the paper journal, until ended. */
export function HomeSchooling({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, refetch } = useQuery(HomeSchoolingQuery, { variables: { studentId } });
  const [start] = useMutation(StartHomeSchoolingMutation);
  const [end] = useMutation(EndHomeSchoolingMutation);
  const [day, setDay] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const open = data?.homeSchooling.find((h) => !h.endsOn) ?? null;

  async function act() {
    setProblem(null);
    try {
      if (open) await end({ variables: { input: { homeSchoolingId: open.id, endsOn: day } } });
      else await start({ variables: { input: { studentId, startsOn: day } } });
      setDay('');
      await refetch();
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  return (
    <fieldset className="admin-form" data-testid="home-schooling">
      <legend className="subheading">{t('admin.homeSchooling.title')}</legend>
      {open ? <p className="muted">{t('admin.homeSchooling.since', { date: open.startsOn })}</p> : null}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <label className="field">
        <span>{open ? t('admin.homeSchooling.lastDay') : t('admin.homeSchooling.firstDay')}</span>
        <input className="input" type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="home-schooling-date" />
      </label>
      <button type="button" className="button" disabled={!day} onClick={() => void act()} data-testid="home-schooling-submit">
        {open ? t('admin.homeSchooling.end') : t('admin.homeSchooling.start')}
      </button>
    </fieldset>
  );
}
