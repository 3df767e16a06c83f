import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../gql/graphql';

interface Props {
  fullName: string;
  primaryRole: Role;
  schoolName: string | null;
  /** The account's controls beside the name (the signed-in header's; the shell's preview has none yet). */
  children?: ReactNode;
}

/** The signed-in header's markup: the brand, the school, who is signed in. Apollo-free, so the first bundle can show it. */
export function HeaderBar({ fullName, primaryRole, schoolName, children }: Props) {
  const { t } = useTranslation();
  return (
    <header className="header">
      <div className="header__inner">
        <div className="header__brand">
          <span className="brand">{t('app.name')}</span>
          {schoolName !== null ? (
            <span className="header__school" data-testid="school-name">
              {schoolName}
            </span>
          ) : null}
        </div>
        <div className="header__account">
          <div className="header__person">
            <span className="header__name" data-testid="viewer-name">
              {fullName}
            </span>
            <span className="header__role" data-testid="viewer-role">
              {t(`roles.${primaryRole}`)}
            </span>
          </div>
          {children}
        </div>
      </div>
    </header>
  );
}
