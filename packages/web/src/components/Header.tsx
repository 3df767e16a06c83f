import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
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
  viewer: FragmentRef<typeof Header_viewer>;
}

export function Header(props: Props) {
  const viewer = useOwnFragment(Header_viewer, props.viewer);
  if (!viewer) return null;
  return (
    <HeaderBar fullName={viewer.fullName} primaryRole={viewer.primaryRole} schoolName={viewer.school?.name ?? null}>
      <UnreadBadge schoolId={viewer.school?.id ?? null} />
      <LanguageSwitch />
      <LogoutButton />
    </HeaderBar>
  );
}
