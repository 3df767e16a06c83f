import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { routeHref } from '../routing/route';

const ChildList_viewer = graphql(`
  fragment ChildList_viewer on Viewer {
    children {
      id
      fullName
      schoolClass {
        id
        name
      }
    }
  }
`);

interface Props {
  viewer: FragmentRef<typeof ChildList_viewer>;
}

export function ChildList(props: Props) {
  const { t } = useTranslation();
  const viewer = useOwnFragment(ChildList_viewer, props.viewer);
  if (!viewer) return null;
  return (
    <section className="children" aria-labelledby="children-title">
      <h2 id="children-title" className="section-title">
        {t('children.title')}
      </h2>
      {viewer.children.length === 0 ? (
        <p className="muted">{t('children.empty')}</p>
      ) : (
        <ul className="child-list">
          {viewer.children.map((child) => (
            <li key={child.id} className="child" data-testid="child">
              <span className="child__name">{child.fullName}</span>
              <span className="child__aside">
                <span className={child.schoolClass ? 'badge' : 'badge badge--muted'}>
                  {child.schoolClass ? t('children.schoolClass', { name: child.schoolClass.name }) : t('children.noClass')}
                </span>
                <a
                  className="button button--ghost button--small"
                  href={routeHref({ name: 'diary', studentId: child.id })}
                  data-testid={`child-diary-${child.id}`}
                >
                  {t('children.openDiary')}
                </a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
