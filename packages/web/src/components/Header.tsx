import { graphql, type DocumentType } from '../gql';
import { HeaderBar } from './HeaderBar';
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
  /** The shell's query holds these fields (`...Header_viewer @unmask`). */
  viewer: DocumentType<typeof Header_viewer>;
}

export function Header({ viewer }: Props) {
  return (
    <HeaderBar fullName={viewer.fullName} primaryRole={viewer.primaryRole} schoolName={viewer.school?.name ?? null}>
      <UnreadBadge schoolId={viewer.school?.id ?? null} />
      <LanguageSwitch />
      <LogoutButton />
    </HeaderBar>
  );
}
