import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { UnreadBadge } from '../messaging/UnreadBadge';

const Header_viewer = graphql(`
  fragment Header_viewer on Viewer {
    fullName
    primaryRole
    school {
      id
      name
    }
  }
`);

interface Props {
  viewer: FragmentRef<typeof Header_viewer>;
}

export function Header(props: Props) {
  const { t } = useTranslation();
  const viewer = useOwnFragment(Header_viewer, props.viewer);
  if (!viewer) return null;
  return (
    <header className="header">
      <div className="header__inner">
        <div className="header__brand">
          <span className="brand">{t('app.name')}</span>
          {viewer.school ? (
            <span className="header__school" data-testid="school-name">
              {viewer.school.name}
            </span>
          ) : null}
        </div>
        <div className="header__account">
          <div className="header__person">
            <span className="header__name" data-testid="viewer-name">
              {viewer.fullName}
            </span>
            <span className="header__role" data-testid="viewer-role">
              {t(`roles.${viewer.primaryRole}`)}
            </span>
          </div>
          <UnreadBadge schoolId={viewer.school?.id ?? null} />
          <LanguageSwitch />
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
