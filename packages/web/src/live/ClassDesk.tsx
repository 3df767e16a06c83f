import { useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import type { AttendanceStatus } from '../gql/graphql';
import { formatDate, formatDateTime, todayIso } from '../shared/dates';
import { DutyList } from '../shared/DutyList';

const ParentActivityDocument = graphql(`
  query ClassParentActivity($classId: ID!) {
    classParentActivity(classId: $classId) {
      parentId
      fullName
      lastVisitAt
      inactiveForWeek
      children {
        id
        shortName
      }
    }
  }
`);

const ClassConsentsDocument = graphql(`
  query ClassConsents($schoolId: ID!, $classId: ID!) {
    consentRegister(schoolId: $schoolId, classId: $classId) {
      status
      student {
        id
        shortName
      }
      guardians {
        parentId
        fullName
        hasConsent
      }
    }
  }
`);

const AbsenceRegisterDocument = graphql(`
  query AbsenceRegister($classId: ID!, $from: LocalDate!, $to: LocalDate!) {
    absenceRegister(classId: $classId, from: $from, to: $to) {
      lessons {
        id
        lessonNumber
        subject {
          id
          name
        }
      }
      absences {
        id
        lessonId
        studentId
        date
        status
        minutesLate
      }
    }
  }
`);

const ClassDesk_class = graphql(`
  fragment ClassDesk_class on SchoolClass {
    id
    students {
      id
      shortName
    }
  }
`);

type SchoolClass = DocumentType<typeof ClassDesk_class>;

/** The register's columns: the absences first (Б, У, Н), then lateness. */
const STATUSES: readonly AttendanceStatus[] = ['ILL', 'EXCUSED', 'UNEXCUSED', 'LATE'];

/**
 * The class teacher's standing duties beside the day: the journal checks and informing parents (issue 18),
 * families' diary visits, the consent register, the absence register.
 */
export function ClassDesk({ schoolId, ...props }: { schoolClass: FragmentRef<typeof ClassDesk_class>; schoolId: string }) {
  const schoolClass = useOwnFragment(ClassDesk_class, props.schoolClass);
  if (!schoolClass) return null;
  const ofClass = (d: { classId?: string | null }) => d.classId === schoolClass.id;
  return (
    <div className="monitor__grid monitor__desk">
      <DutyList schoolId={schoolId} show={ofClass} mayRecord={ofClass} testId="class-duties" />
      <InactiveParents classId={schoolClass.id} />
      <ConsentPanel classId={schoolClass.id} schoolId={schoolId} />
      <AbsenceRegister schoolClass={schoolClass} />
    </div>
  );
}

/** R-A8: who has not opened the diary in the last 7 days (the server counts diary visits per day). */
function InactiveParents({ classId }: { classId: string }) {
  const { t, i18n } = useTranslation();
  const { data } = useQuery(ParentActivityDocument, { variables: { classId }, fetchPolicy: 'cache-and-network' });
  const inactive = (data?.classParentActivity ?? []).filter((p) => p.inactiveForWeek);
  return (
    <section className="card monitor__panel" data-testid="monitor-parents">
      <h2 className="subheading">{t('classDesk.parentsTitle')}</h2>
      {!data ? <p className="muted">{t('app.loading')}</p> : inactive.length === 0 ? <p className="muted">{t('classDesk.parentsAll')}</p> : null}
      <ul className="plain-list">
        {inactive.map((p) => (
          <li key={p.parentId} data-testid={`monitor-parent-${p.parentId}`}>
            {p.fullName} <span className="muted">({p.children.map((c) => c.shortName).join(', ')})</span>{' '}
            <span className="muted">
              · {p.lastVisitAt ? t('classDesk.lastVisit', { date: formatDateTime(p.lastVisitAt, i18n.resolvedLanguage ?? 'ru') }) : t('classDesk.neverVisited')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** R-A6: the consent register of the class: who has it, who withdrew, who never gave one. */
function ConsentPanel({ classId, schoolId }: { classId: string; schoolId: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(ClassConsentsDocument, { variables: { classId, schoolId }, fetchPolicy: 'cache-and-network' });
  const entries = data?.consentRegister ?? [];
  const count = (status: string) => entries.filter((e) => e.status === status).length;
  return (
    <section className="card monitor__panel" data-testid="monitor-consents">
      <h2 className="subheading">{t('classDesk.consentTitle')}</h2>
      {!data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <p data-testid="monitor-consent-summary">
            {t('classDesk.consentSummary', { given: count('GIVEN'), withdrawn: count('WITHDRAWN'), missing: count('MISSING') })}
          </p>
          <ul className="plain-list">
            {entries
              .filter((e) => e.status !== 'GIVEN')
              .map((e) => (
                <li key={e.student.id} data-testid={`monitor-consent-${e.student.id}`}>
                  {e.student.shortName} <span className="badge badge--muted">{t(`classDesk.consentStatus.${e.status}`)}</span>{' '}
                  <span className="muted">{e.guardians.map((g) => g.fullName).join(', ')}</span>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

const monthOf = (iso: string) => iso.slice(0, 7);
function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The absence register the class teacher keeps: per student, a month's absences by kind, and the days. */
function AbsenceRegister({ schoolClass }: { schoolClass: SchoolClass }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const [month, setMonth] = useState(() => monthOf(todayIso()));
  const { data } = useQuery(AbsenceRegisterDocument, { variables: { classId: schoolClass.id, ...monthRange(month) }, fetchPolicy: 'cache-and-network' });
  const rows = useMemo(() => {
    const register = data?.absenceRegister;
    if (!register) return null;
    const lessons = new Map(register.lessons.map((l) => [l.id, l]));
    return schoolClass.students
      .map((s) => {
        const own = register.absences.filter((a) => a.studentId === s.id);
        return { student: s, own, lessons, count: (status: AttendanceStatus) => own.filter((a) => a.status === status).length };
      })
      .filter((r) => r.own.length > 0);
  }, [data, schoolClass]);
  return (
    <section className="card monitor__panel monitor__register" data-testid="monitor-register">
      <div className="monitor__register-head">
        <h2 className="subheading">{t('classDesk.registerTitle')}</h2>
        <label className="field--narrow">
          <span className="visually-hidden">{t('classDesk.registerMonth')}</span>
          <input
            className="input"
            type="month"
            value={month}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
            data-testid="monitor-register-month"
          />
        </label>
      </div>
      {!rows ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('classDesk.registerEmpty')}</p>
      ) : (
        <table className="register-table">
          <thead>
            <tr>
              <th scope="col">{t('classDesk.registerStudent')}</th>
              {STATUSES.map((s) => (
                <th key={s} scope="col" title={t(`attendance.name.${s}`)}>
                  {t(`attendance.code.${s}`)}
                </th>
              ))}
              <th scope="col">{t('classDesk.registerDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.student.id} data-testid={`monitor-register-${r.student.id}`}>
                <th scope="row">{r.student.shortName}</th>
                {STATUSES.map((s) => (
                  <td key={s}>{r.count(s) || ''}</td>
                ))}
                <td>
                  <details>
                    <summary>{r.own.length}</summary>
                    <ul className="plain-list">
                      {r.own.map((a) => {
                        const lesson = r.lessons.get(a.lessonId);
                        return (
                          <li key={a.id}>
                            {formatDate(a.date, lng, { day: 'numeric', month: 'short' })} ·{' '}
                            {lesson ? t('monitor.lesson', { n: lesson.lessonNumber, subject: lesson.subject.name }) : ''} · {t(`attendance.code.${a.status}`)}
                            {a.minutesLate ? ` ${a.minutesLate} ${t('journal.minutes')}` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
