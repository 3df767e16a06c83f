import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';
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
  viewer: DocumentType<typeof Header_viewer>;
}

export function Header({ viewer }: Props) {
  const { t } = useTranslation();
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
