import { useTranslation } from 'react-i18next';
import { sectionsFor } from '../admin/sections';
import { graphql, type DocumentType } from '../gql';
import { NoticesNavLink } from '../home/NoticesScreen';
import { routeHref, type Route } from '../routing/route';

const Nav_viewer = graphql(`
  fragment Nav_viewer on Viewer {
    id
    roles
    taughtGroups {
      id
    }
    ledClasses {
      id
    }
    children {
      id
      fullName
    }
    can {
      listPeople
      planYear
      editClasses
      editCurriculum
      editTimetable
      keepStudentRecords
      keepExamRegister
      readAuditLog
      readFillRate
      readClassReports
      readAuthorityStatistics
      editSchoolSettings
    }
  }
`);

interface Props {
  /** The shell's query holds these fields (`...Nav_viewer @unmask`). */
  viewer: DocumentType<typeof Nav_viewer>;
  route: Route;
}

/** The sections a person has: the journal for those who keep or lead one, a diary per child, one's own diary. */
export function Nav({ route, viewer }: Props) {
  const { t } = useTranslation();
  const keepsJournal = viewer.taughtGroups.length > 0 || viewer.ledClasses.length > 0;
  const diaries = [
    ...(viewer.roles.includes('STUDENT') ? [{ id: viewer.id, label: t('nav.myDiary') }] : []),
    ...viewer.children.map((child) => ({
      id: child.id,
      // "Дневник: Артём": the first name tells siblings apart.
      label: t('nav.childDiary', { name: child.fullName.split(/\s+/)[1] ?? child.fullName }),
    })),
  ];
  // The server says what this viewer may open (Viewer.can), from the same rules it enforces.
  const adminSections = sectionsFor(viewer.can);
  const readsReports = viewer.can.readClassReports || viewer.can.readFillRate || viewer.can.readAuditLog || viewer.can.readAuthorityStatistics;
  const diaryOf = route.name === 'diary' || route.name === 'term' || route.name === 'progress' || route.name === 'exams' ? route.studentId : null;

  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav__inner">
        <a className="nav__link" href={routeHref({ name: 'home' })} aria-current={route.name === 'home' ? 'page' : undefined} data-testid="nav-home">
          {t('nav.home')}
        </a>
        {viewer.taughtGroups.length > 0 ? (
          <a className="nav__link" href={routeHref({ name: 'today' })} aria-current={route.name === 'today' ? 'page' : undefined} data-testid="nav-today">
            {t('teacherDay.navToday')}
          </a>
        ) : null}
        {keepsJournal ? (
          <a
            className="nav__link"
            href={routeHref({ name: 'journal' })}
            aria-current={route.name === 'journal' || route.name === 'plan' ? 'page' : undefined}
            data-testid="nav-journal"
          >
            {t('nav.journal')}
          </a>
        ) : null}
        {viewer.ledClasses.length > 0 ? (
          <a
            className="nav__link"
            href={routeHref({ name: 'comms', view: { page: 'monitor' } })}
            aria-current={route.name === 'comms' && route.view.page === 'monitor' ? 'page' : undefined}
            data-testid="nav-monitor"
          >
            {t('monitor.nav')}
          </a>
        ) : null}
        {diaries.map((d) => (
          <a
            key={d.id}
            className="nav__link"
            href={routeHref({ name: 'diary', studentId: d.id })}
            aria-current={diaryOf === d.id ? 'page' : undefined}
            data-testid={`nav-diary-${d.id}`}
          >
            {d.label}
          </a>
        ))}
        {adminSections[0] ? (
          <a
            className="nav__link"
            href={routeHref({ name: 'admin', section: adminSections[0] })}
            aria-current={route.name === 'admin' ? 'page' : undefined}
            data-testid="nav-admin"
          >
            {t('nav.admin')}
          </a>
        ) : null}
        {readsReports || diaries.length > 0 ? (
          <a className="nav__link" href={routeHref({ name: 'reports' })} aria-current={route.name === 'reports' ? 'page' : undefined} data-testid="nav-reports">
            {t('nav.reports')}
          </a>
        ) : null}
        {viewer.can.editSchoolSettings ? (
          <a
            className="nav__link"
            href={routeHref({ name: 'settings' })}
            aria-current={route.name === 'settings' ? 'page' : undefined}
            data-testid="nav-settings"
          >
            {t('nav.settings')}
          </a>
        ) : null}
        <NoticesNavLink current={route.name === 'notices'} />
        <a className="nav__link" href={routeHref({ name: 'device' })} aria-current={route.name === 'device' ? 'page' : undefined} data-testid="nav-device">
          {t('nav.device')}
        </a>
      </div>
    </nav>
  );
}
