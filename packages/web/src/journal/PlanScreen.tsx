import './plan.css';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { PlanScreenQuery } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { routeHref } from '../routing/route';
import { ScreenError } from '../shared/ScreenError';

const PlanScreenDocument = graphql(`
  query PlanScreen($groupId: ID!) {
    viewer {
      id
      taughtGroups {
        id
        name
        subject {
          id
          name
        }
      }
    }
    thematicPlan(groupId: $groupId) {
      plannedHours
      curriculumHours
      matchesCurriculum
      lessonsGiven
      lessonsWithoutTopic
      hoursBehind
      topics {
        id
        number
        topic
        hours
        lessonsGiven
      }
    }
  }
`);

const SetThematicPlanMutation = graphql(`
  mutation SetThematicPlan($input: SetThematicPlanInput!) {
    setThematicPlan(input: $input) {
      plannedHours
    }
  }
`);

type Plan = PlanScreenQuery['thematicPlan'];

/** A row being edited: hours as typed, so that a half-typed number is not lost. */
interface Row {
  key: number;
  topic: string;
  hours: string;
}

let nextKey = 0;
const row = (topic: string, hours: string): Row => ({ key: nextKey++, topic, hours });

/**
 * Lines pasted from a spreadsheet or typed: "topic; hours", "topic<TAB>hours" or "topic,hours" (the last
 * field is the hours). Returns the rows, or the number of the first line that is not a topic with hours.
 */
function parsePlanLines(text: string): Row[] | { badLine: number } {
  const rows: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const match = /^(.*\S)\s*[\t;,]\s*(\d{1,3})\s*$/.exec(line.trim());
    if (!match) return { badLine: i + 1 };
    rows.push(row(match[1].replace(/^"(.*)"$/, '$1'), match[2]));
  }
  return rows;
}

/** R-J2: the group's calendar-thematic plan, topics with hours; its teacher edits it, the journal's readers see it. */
export function PlanScreen({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(PlanScreenDocument, { variables: { groupId }, fetchPolicy: 'cache-and-network' });
  // Kept here, not in the editor: a saved plan has new topic ids, which remount the editor (its key).
  const [saved, setSaved] = useState(false);
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data?.viewer) return <p className="muted">{t('app.loading')}</p>;
  const group = data.viewer.taughtGroups.find((g) => g.id === groupId);
  return (
    <section className="plan" aria-labelledby="plan-title">
      <div className="toolbar">
        <div className="toolbar__title">
          <h1 id="plan-title" className="page-title">
            {t('plan.title')}
          </h1>
          {group ? <p className="muted">{t('journal.groupOption', { group: group.name, subject: group.subject.name })}</p> : null}
        </div>
        <a className="button button--ghost button--small" href={routeHref({ name: 'journal', groupId })} data-testid="plan-back">
          {t('plan.back')}
        </a>
      </div>
      <PlanSummary plan={data.thematicPlan} />
      {group ? (
        <PlanEditor
          key={data.thematicPlan.topics.map((p) => p.id).join()}
          groupId={groupId}
          plan={data.thematicPlan}
          saved={saved}
          onSaved={(now) => {
            setSaved(now);
            if (now) void refetch();
          }}
        />
      ) : (
        <>
          <p className="notice">{t('plan.readOnly')}</p>
          <PlanTable plan={data.thematicPlan} />
        </>
      )}
    </section>
  );
}

function PlanSummary({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <div className="card plan__summary" data-testid="plan-summary">
      <p>
        {t('plan.planned', { planned: plan.plannedHours })}
        {plan.curriculumHours != null ? (
          <>
            {' · '}
            {t('plan.curriculum', { hours: plan.curriculumHours })}
            {plan.matchesCurriculum ? null : <strong className="plan__mismatch"> · {t('plan.mismatch')}</strong>}
          </>
        ) : null}
      </p>
      <p className="muted">{t('plan.progress', { given: plan.lessonsGiven, without: plan.lessonsWithoutTopic, behind: plan.hoursBehind })}</p>
    </div>
  );
}

function PlanTable({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (plan.topics.length === 0) return <p className="muted">{t('plan.empty')}</p>;
  return (
    <table className="table" data-testid="plan-table">
      <thead>
        <tr>
          <th scope="col">{t('plan.number')}</th>
          <th scope="col">{t('plan.topic')}</th>
          <th scope="col">{t('plan.hours')}</th>
          <th scope="col">{t('plan.given')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.topics.map((p) => (
          <tr key={p.id}>
            <td>{p.number}</td>
            <td>{p.topic}</td>
            <td>{p.hours}</td>
            <td>{p.lessonsGiven}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `onSaved(true)` when the plan is saved, `onSaved(false)` when an edit makes the notice stale. */
function PlanEditor({ groupId, plan, saved, onSaved }: { groupId: string; plan: Plan; saved: boolean; onSaved: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => plan.topics.map((p) => row(p.topic, String(p.hours))));
  const given = new Map(plan.topics.map((p) => [p.number, p.lessonsGiven]));
  const [paste, setPaste] = useState<string | null>(null);
  const [pasteError, setPasteError] = useState<number | null>(null);
  const [save, { loading, error, reset }] = useMutation(SetThematicPlanMutation);
  const edit = (key: number, change: Partial<Row>) => {
    onSaved(false);
    reset();
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    onSaved(false);
    const topics = rows.map((r) => ({ topic: r.topic.trim(), hours: Number(r.hours) }));
    const done = await save({ variables: { input: { groupId, topics } } }).catch(() => null);
    if (done?.data) onSaved(true);
  }

  function applyPaste() {
    const parsed = parsePlanLines(paste ?? '');
    if ('badLine' in parsed) {
      setPasteError(parsed.badLine);
      return;
    }
    setPasteError(null);
    setPaste(null);
    onSaved(false);
    setRows(parsed);
  }

  return (
    <form className="card plan__editor" onSubmit={(e) => void submit(e)} data-testid="plan-editor">
      {rows.length === 0 ? <p className="muted">{t('plan.empty')}</p> : null}
      <ol className="plan__rows">
        {rows.map((r, i) => (
          <li key={r.key} className="plan__row" data-testid={`plan-row-${i + 1}`}>
            <span className="plan__number" aria-hidden="true">
              {i + 1}
            </span>
            <input
              aria-label={t('plan.topicOf', { n: i + 1 })}
              value={r.topic}
              maxLength={300}
              required
              onChange={(e) => edit(r.key, { topic: e.target.value })}
              data-testid={`plan-topic-${i + 1}`}
            />
            <input
              aria-label={t('plan.hoursOf', { n: i + 1 })}
              type="number"
              inputMode="numeric"
              min={1}
              max={200}
              value={r.hours}
              required
              onChange={(e) => edit(r.key, { hours: e.target.value })}
              data-testid={`plan-hours-${i + 1}`}
            />
            <span className="plan__given muted" title={t('plan.given')}>
              {given.get(i + 1) ?? 0}
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label={t('plan.removeOf', { n: i + 1 })}
              onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="plan__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => setRows((prev) => [...prev, row('', '1')])} data-testid="plan-add">
          {t('plan.add')}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setPaste(paste === null ? '' : null)}
          aria-expanded={paste !== null}
          data-testid="plan-paste-open"
        >
          {t('plan.paste')}
        </button>
      </div>
      {paste !== null ? (
        <div className="field plan__paste">
          <label htmlFor={`${id}-paste`}>{t('plan.pasteLabel')}</label>
          <textarea
            id={`${id}-paste`}
            rows={6}
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            aria-describedby={`${id}-paste-hint`}
            data-testid="plan-paste"
          />
          <span id={`${id}-paste-hint`} className="muted">
            {t('plan.pasteHint')}
          </span>
          {pasteError !== null ? (
            <p className="form-error" role="alert" data-testid="plan-paste-error">
              {t('plan.pasteBad', { line: pasteError })}
            </p>
          ) : null}
          <button type="button" className="button button--small" onClick={applyPaste} data-testid="plan-paste-apply">
            {t('plan.pasteApply')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="plan-error">
          {errorText(error)}
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status" data-testid="plan-saved">
          {t('plan.saved')}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={loading} data-testid="plan-save">
        {t('plan.save')}
      </button>
    </form>
  );
}
