import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AdminCommitYearTransitionMutation, PromotionDecision } from '../gql/graphql';
import { compareIso, formatDate } from '../shared/dates';
import { field, useAction } from './useAction';
import { kindOfPeriodCount, PlanYearForm, type YearDraft } from './PlanYearForm';

const TransitionYearsQuery = graphql(`
  query AdminTransitionYears {
    viewer {
      id
      school {
        id
        years {
          id
          name
          startsOn
          endsOn
          closed
          periods {
            id
            startsOn
            endsOn
          }
        }
      }
    }
  }
`);

const YearTransitionQuery = graphql(`
  query AdminYearTransition($input: YearTransitionInput!) {
    yearTransition(input: $input) {
      fromYear {
        id
        name
      }
      toYear {
        id
        name
      }
      problems
      orderNumber
      orderDate
      classes {
        fromClassId
        fromClassName
        toClassName
        toClassExists
        classTeacherName
        pupils {
          studentId
          fullName
          debts {
            subjectName
            value
          }
          decision
          allowed
          toClassName
        }
      }
    }
  }
`);

const CommitYearTransitionMutation = graphql(`
  mutation AdminCommitYearTransition($input: CommitYearTransitionInput!) {
    commitYearTransition(input: $input) {
      fromYear {
        id
        name
        closed
      }
      toYear {
        id
        name
      }
      classesCreated
      groupsCreated
      promoted
      promotedConditionally
      repeating
      graduated
      left
    }
  }
`);

type Result = AdminCommitYearTransitionMutation['commitYearTransition'];
type Year = { name: string; startsOn: string; endsOn: string; periods: readonly { startsOn: string; endsOn: string }[] };

/** The same day a year later (29 February becomes the 28th). */
const nextYearOf = (iso: string) => `${Number(iso.slice(0, 4)) + 1}${iso.slice(4) === '-02-29' ? '-02-28' : iso.slice(4)}`;

/** The year after `year`, as the form proposes it: its name and dates a year on, with the same periods. */
function draftAfter(year: Year): YearDraft {
  const [a, b] = year.name.match(/\d{4}/g) ?? [];
  return {
    name: a && b ? `${Number(a) + 1}/${Number(b) + 1}` : '',
    startsOn: nextYearOf(year.startsOn),
    endsOn: nextYearOf(year.endsOn),
    kind: kindOfPeriodCount(year.periods.length),
    periods: year.periods.map((p) => ({ startsOn: nextYearOf(p.startsOn), endsOn: nextYearOf(p.endsOn) })),
  };
}

/**
 * Issue 17: перевод учащихся в следующий учебный год. The earliest open year is the one that ends; the server
 * previews its promotion with the decisions changed here, and commits the order once.
 */
export function YearTransitionPanel({ schoolId, onChanged }: { schoolId: string; onChanged: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const years = useQuery(TransitionYearsQuery);
  const open = [...(years.data?.viewer?.school?.years ?? [])].filter((y) => !y.closed).sort((a, b) => compareIso(a.startsOn, b.startsOn));
  const from = open[0];
  const [decided, setDecided] = useState<Record<string, PromotionDecision>>({});
  const decisions = Object.entries(decided).map(([studentId, decision]) => ({ studentId, decision }));
  const preview = useQuery(YearTransitionQuery, { variables: { input: { yearId: from?.id ?? '', decisions } }, skip: !from });
  const [commit] = useMutation(CommitYearTransitionMutation);
  const [result, setResult] = useState<Result | null>(null);
  const reload = async () => {
    await Promise.all([onChanged(), years.refetch(), from ? preview.refetch() : null]);
  };
  const { run, problem } = useAction(reload);
  const plan = (preview.data ?? preview.previousData)?.yearTransition;

  if (result) {
    return (
      <section className="card admin-grid__wide" aria-labelledby="transition-title" data-testid="transition-result">
        <h2 id="transition-title" className="subheading">
          {t('transition.result', { to: result.toYear.name })}
        </h2>
        <p>
          {t('transition.counts', {
            promoted: result.promoted,
            conditionally: result.promotedConditionally,
            repeating: result.repeating,
            graduated: result.graduated,
            left: result.left,
            classes: result.classesCreated,
            groups: result.groupsCreated,
          })}
        </p>
      </section>
    );
  }
  if (!from || !plan) return null;

  const problems = plan.problems.filter((p) => p !== 'DECISION_REQUIRED');
  const undecided = plan.classes.reduce((n, c) => n + c.pupils.filter((p) => !p.decision).length, 0);
  const done = plan.orderNumber && plan.orderDate ? { number: plan.orderNumber, date: formatDate(plan.orderDate, lng, { dateStyle: 'long' }) } : null;

  function onCommit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      const answer = await commit({
        variables: {
          input: {
            yearId: from.id,
            decisions,
            orderNumber: field(form, 'orderNumber') ?? '',
            orderDate: field(form, 'orderDate') ?? '',
            closeYear: form.get('closeYear') === 'on',
          },
        },
      });
      if (answer.data) setResult(answer.data.commitYearTransition);
    });
  }

  return (
    <section className="card admin-grid__wide transition" aria-labelledby="transition-title" data-testid="year-transition">
      <h2 id="transition-title" className="subheading">
        {t('transition.title')}
      </h2>
      <p className="muted">{t('transition.years', { from: plan.fromYear.name, to: plan.toYear?.name ?? t('transition.noNextYear') })}</p>
      {done ? (
        <p className="notice" data-testid="transition-done">
          {t('transition.done', { name: plan.fromYear.name, ...done })}
        </p>
      ) : (
        <>
          <p className="hint muted">{t('transition.hint')}</p>
          {problems.map((p) => (
            <p key={p} className="notice notice--error" data-testid="transition-problem">
              {t(`reasons.${p}` as 'reasons.NOT_FOUND')}
            </p>
          ))}
          {plan.problems.includes('NEXT_YEAR_MISSING') ? <PlanYearForm schoolId={schoolId} draft={draftAfter(from)} onChanged={reload} /> : null}
          {plan.classes.map((c) => (
            <div key={c.fromClassId} className="transition__class" data-testid={`transition-class-${c.fromClassName}`}>
              <h3 className="subheading">
                {c.toClassName
                  ? t('transition.classTo', { from: c.fromClassName, to: c.toClassName })
                  : t('transition.classGraduates', { from: c.fromClassName })}
                {c.toClassExists ? <span className="tag">{t('transition.classExists')}</span> : null}
              </h3>
              <p className="muted">{c.classTeacherName ? t('transition.teacher', { name: c.classTeacherName }) : t('transition.noTeacher')}</p>
              {c.pupils.length ? (
                <ul className="transition__pupils">
                  {c.pupils.map((p) => (
                    <li
                      key={p.studentId}
                      className={p.debts.length ? 'transition__pupil transition__pupil--debt' : 'transition__pupil'}
                      data-testid="transition-pupil"
                    >
                      <span className="transition__name">
                        {p.fullName}
                        {p.debts.map((d) => (
                          <span key={d.subjectName} className="tag tag--warn">
                            {t('transition.debt', { subject: d.subjectName, value: d.value })}
                          </span>
                        ))}
                      </span>
                      <select
                        className="select"
                        aria-label={t('transition.decisionFor', { name: p.fullName })}
                        value={p.decision ?? ''}
                        onChange={(e) => setDecided({ ...decided, [p.studentId]: e.target.value as PromotionDecision })}
                      >
                        {p.decision ? null : <option value="">{t('transition.undecided')}</option>}
                        {p.allowed.map((d) => (
                          <option key={d} value={d}>
                            {t(`transition.decision.${d}`)}
                          </option>
                        ))}
                      </select>
                      <span className="muted transition__to">
                        {p.toClassName ? t('transition.toClass', { name: p.toClassName }) : p.decision ? t('transition.leaves') : null}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('transition.noPupils')}</p>
              )}
            </div>
          ))}
          <form className="admin-form" onSubmit={onCommit} data-testid="transition-order">
            {problem ? (
              <p className="form-error" role="alert">
                {problem}
              </p>
            ) : null}
            <div className="inline-form">
              <label className="field">
                <span>{t('transition.orderNumber')}</span>
                <input className="input" name="orderNumber" required maxLength={50} />
              </label>
              <label className="field">
                <span>{t('transition.orderDate')}</span>
                <input className="input" type="date" name="orderDate" required />
              </label>
            </div>
            <label className="transition__close">
              <input type="checkbox" name="closeYear" defaultChecked />
              <span>{t('transition.closeYear', { name: plan.fromYear.name })}</span>
            </label>
            {undecided ? <p className="notice notice--error">{t('transition.undecidedCount', { count: undecided })}</p> : null}
            <button type="submit" className="button button--primary" disabled={plan.problems.length > 0}>
              {t('transition.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
