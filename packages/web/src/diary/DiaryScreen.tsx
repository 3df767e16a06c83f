import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { routeHref, type Route } from '../routing/route';
import { mondayOf, todayIso } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { ConsentNotice } from './ConsentNotice';
import { DiaryTerm } from './DiaryTerm';
import { DiaryWeek } from './DiaryWeek';
import { Exams } from './Exams';
import { ProgressReport } from './ProgressReport';

const DiaryScreen_viewer = graphql(`
  fragment DiaryScreen_viewer on Viewer {
    id
    fullName
    roles
    children {
      id
      fullName
      diaryAccess
      schoolClass {
        id
        name
      }
    }
    school {
      id
      currentYear {
        ...PeriodTabs_year @unmask
      }
    }
  }
`);

/** The screen loads its own navigation data, so the shell (and the home page) stays light. */
const DiaryScreenQuery = graphql(`
  query DiaryScreen {
    viewer {
      id
      ...DiaryScreen_viewer
    }
  }
`);

interface Props {
  route: Extract<Route, { name: 'diary' | 'term' | 'progress' | 'exams' }>;
}

/** A student's diary, for the student or a parent: the week, and the period's results. */
export function DiaryScreen({ route }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(DiaryScreenQuery);
  const viewer = useOwnFragment(DiaryScreen_viewer, data?.viewer ?? null);
  if (viewer) return <Diary viewer={viewer} route={route} />;
  if (error) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  return <p className="muted">{t('app.loading')}</p>;
}

function Diary({ viewer, route }: Props & { viewer: DocumentType<typeof DiaryScreen_viewer> }) {
  const { t } = useTranslation();
  const { studentId } = route;
  const child = viewer.children.find((c) => c.id === studentId);
  const isSelf = viewer.id === studentId;
  const reference = (route.name === 'diary' ? route.week : route.name === 'term' ? route.on : undefined) ?? todayIso();
  const periods = viewer.school?.currentYear?.periods ?? [];

  return (
    <section className="diary" aria-labelledby="diary-title">
      <div className="toolbar">
        <div className="toolbar__title">
          <h1 id="diary-title" className="page-title">
            {isSelf ? t('diary.myTitle') : t('diary.title')}
          </h1>
          {child ? (
            <p className="muted" data-testid="diary-student">
              {child.fullName}
              {child.schoolClass ? ` · ${t('children.schoolClass', { name: child.schoolClass.name })}` : ''}
            </p>
          ) : null}
        </div>
        <nav className="segmented no-print" aria-label={t('diary.views')}>
          <a
            aria-current={route.name === 'diary' ? 'page' : undefined}
            href={routeHref({ name: 'diary', studentId, week: mondayOf(reference) })}
            data-testid="diary-tab-week"
          >
            {t('diary.week')}
          </a>
          <a
            aria-current={route.name === 'term' ? 'page' : undefined}
            href={routeHref({ name: 'term', studentId, on: reference })}
            data-testid="diary-tab-term"
          >
            {t('diary.term')}
          </a>
          <a aria-current={route.name === 'progress' ? 'page' : undefined} href={routeHref({ name: 'progress', studentId })} data-testid="diary-tab-report">
            {t('progress.tab')}
          </a>
          <a aria-current={route.name === 'exams' ? 'page' : undefined} href={routeHref({ name: 'exams', studentId })} data-testid="diary-tab-exams">
            {t('exams.tab')}
          </a>
        </nav>
      </div>
      {child?.diaryAccess === 'CONSENT_REQUIRED' ? (
        <ConsentNotice self={false} studentId={studentId} childName={child.fullName} />
      ) : route.name === 'diary' ? (
        <DiaryWeek studentId={studentId} weekOf={mondayOf(reference)} highlight={route.highlight} self={isSelf} />
      ) : route.name === 'progress' ? (
        <ProgressReport studentId={studentId} from={route.from} to={route.to} self={isSelf} />
      ) : route.name === 'exams' ? (
        <Exams studentId={studentId} highlight={route.exam} self={isSelf} />
      ) : (
        <DiaryTerm
          studentId={studentId}
          periods={periods}
          periodId={route.periodId}
          reference={reference}
          self={isSelf}
          yearId={viewer.school?.currentYear?.id ?? null}
        />
      )}
    </section>
  );
}
