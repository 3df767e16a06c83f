import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { routeHref } from '../routing/route';
import { ScreenError } from '../shared/ScreenError';
import { ClassesSection } from './ClassesSection';
import { ConsentSection } from './ConsentSection';
import { CurriculumSection } from './CurriculumSection';
import { ExamSection } from './ExamSection';
import { MovementSection } from './MovementSection';
import { PeopleSection } from './PeopleSection';
import { RecordSubstitution } from './RecordSubstitution';
import { sectionsFor, type AdminSection } from './sections';
import { AdminStaffDocument } from './staff';
import { SubstitutionRequests } from './SubstitutionRequests';
import { TimetableSection } from './TimetableSection';
import { YearSection } from './YearSection';

/** The school the viewer administers and its current year's classes, for every section. */
const AdminScreenQuery = graphql(`
  query AdminScreen {
    viewer {
      id
      can {
        listPeople
        addPeople
        planYear
        editClasses
        editCurriculum
        editTimetable
        approveSubstitutions
        keepStudentRecords
        controlJournals
        keepExamRegister
        promoteStudents
      }
      school {
        id
        name
        subjects {
          id
          name
        }
        currentYear {
          id
          ...YearSection_year
          ...ClassesSection_year
          ...CurriculumSection_year
          ...TimetableSection_year
          ...RecordSubstitution_year
          ...MovementSection_year
          ...ExamSection_year
          ...ConsentSection_year
        }
      }
    }
  }
`);

interface Props {
  section: AdminSection;
}

/** School administration (issue 3): people and roles, the year, classes and groups, curriculum, timetable, movements, consents. */
export function AdminScreen({ section: asked }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(AdminScreenQuery);
  const schoolId = data?.viewer?.school?.id;
  const can = data?.viewer?.can;
  // The teachers to pick from: for those who plan classes and the timetable (HR and the secretary list other people).
  const staff = useQuery(AdminStaffDocument, { variables: { schoolId: schoolId ?? '' }, skip: !schoolId || !(can?.editClasses || can?.editTimetable) });
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const school = data.viewer?.school;
  const sections = can ? sectionsFor(can) : [];
  // A section the viewer may not open (an old link) shows their first one instead.
  const section = sections.includes(asked) ? asked : sections[0];
  if (!school || !section) return <p className="card muted">{t('admin.noSchool')}</p>;
  const year = school.currentYear;
  const teachers = staff.data?.people ?? [];
  const reload = () => refetch();

  return (
    <section className="admin" aria-labelledby="admin-title">
      <div className="toolbar">
        <h1 id="admin-title" className="page-title">
          {t('admin.title')}
        </h1>
        <nav className="segmented" aria-label={t('admin.sections')}>
          {sections.map((s) => (
            <a key={s} aria-current={s === section ? 'page' : undefined} href={routeHref({ name: 'admin', section: s })} data-testid={`admin-tab-${s}`}>
              {t(`admin.section.${s}`)}
            </a>
          ))}
        </nav>
      </div>
      {section === 'people' ? (
        <PeopleSection schoolId={school.id} canReportCompromise={!!can?.controlJournals} canKeepStudentRecords={!!can?.keepStudentRecords} />
      ) : section === 'year' ? (
        <YearSection schoolId={school.id} year={year ?? null} canPromote={!!can?.promoteStudents} onChanged={reload} />
      ) : !year ? (
        <p className="card muted">{t('admin.year.none')}</p>
      ) : section === 'classes' ? (
        <ClassesSection year={year} subjects={school.subjects} teachers={teachers} onChanged={reload} />
      ) : section === 'curriculum' ? (
        <CurriculumSection schoolId={school.id} year={year} subjects={school.subjects} onChanged={reload} />
      ) : section === 'timetable' ? (
        <>
          <TimetableSection year={year} teachers={teachers} />
          {can?.approveSubstitutions ? (
            <>
              <RecordSubstitution year={year} teachers={teachers} />
              <SubstitutionRequests schoolId={school.id} />
            </>
          ) : null}
        </>
      ) : section === 'movements' ? (
        <MovementSection schoolId={school.id} year={year} onChanged={reload} />
      ) : section === 'exams' ? (
        <ExamSection year={year} subjects={school.subjects} />
      ) : (
        <ConsentSection schoolId={school.id} year={year} />
      )}
    </section>
  );
}
