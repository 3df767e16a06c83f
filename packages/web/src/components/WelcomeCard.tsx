import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { ChildList } from './ChildList';

const WelcomeCard_viewer = graphql(`
  fragment WelcomeCard_viewer on Viewer {
    id
    fullName
    roles
    ...ChildList_viewer
  }
`);

interface Props {
  viewer: FragmentRef<typeof WelcomeCard_viewer>;
}

export function WelcomeCard(props: Props) {
  const { t } = useTranslation();
  const viewer = useOwnFragment(WelcomeCard_viewer, props.viewer);
  if (!viewer) return null;
  return (
    <article className="card welcome">
      <h1 className="welcome__title">{t('welcome.greeting', { name: viewer.fullName })}</h1>
      <p className="muted">{t('welcome.text')}</p>
      {/* Any role may be combined with PARENT (a teacher with a child at the school). */}
      {viewer.roles.includes('PARENT') ? <ChildList viewer={viewer} /> : null}
    </article>
  );
}
