import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';
import { ChildList } from './ChildList';

const WelcomeCard_viewer = graphql(`
  fragment WelcomeCard_viewer on Viewer {
    fullName
    roles
    ...ChildList_viewer
  }
`);

interface Props {
  viewer: DocumentType<typeof WelcomeCard_viewer>;
}

export function WelcomeCard({ viewer }: Props) {
  const { t } = useTranslation();
  return (
    <article className="card welcome">
      <h1 className="welcome__title">{t('welcome.greeting', { name: viewer.fullName })}</h1>
      <p className="muted">{t('welcome.text')}</p>
      {/* Any role may be combined with PARENT (a teacher with a child at the school). */}
      {viewer.roles.includes('PARENT') ? <ChildList viewer={viewer} /> : null}
    </article>
  );
}
