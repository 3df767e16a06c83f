import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { routeHref } from '../routing/route';
import { ScreenError } from '../shared/ScreenError';
import { ConsentSection } from './ConsentSection';
import { PeopleSection } from './PeopleSection';
import { ADMIN_SECTIONS, type AdminSection } from './sections';


/** The school the viewer administers and its current year's classes, for every section. */
const AdminScreenQuery = graphql(`
  query AdminScreen {
    viewer {
      id
      school {
        id
        name
        currentYear {
          id
          classes {
            id
            name
          }
        }
      }
    }
  }
`);

export type AdminClass = { id: string; name: string };

interface Props {
  section: AdminSection;
}

/** School administration (issue 3): people and their roles, the consent register. */
export function AdminScreen({ section }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(AdminScreenQuery);
  if (error && !data) return <ScreenError error={errorText(error)} onRetry={() => void refetch()} />;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const school = data.viewer?.school;
  if (!school) return <p className="card muted">{t('admin.noSchool')}</p>;
  const classes = school.currentYear?.classes ?? [];

  return (
    <section className="admin" aria-labelledby="admin-title">
      <div className="toolbar">
        <h1 id="admin-title" className="page-title">
          {t('admin.title')}
        </h1>
        <div className="segmented" role="tablist" aria-label={t('admin.sections')}>
          {ADMIN_SECTIONS.map((s) => (
            <a key={s} role="tab" aria-selected={s === section} href={routeHref({ name: 'admin', section: s })} data-testid={`admin-tab-${s}`}>
              {t(`admin.section.${s}`)}
            </a>
          ))}
        </div>
      </div>
      {section === 'people' ? <PeopleSection schoolId={school.id} /> : <ConsentSection schoolId={school.id} classes={classes} />}
    </section>
  );
}
