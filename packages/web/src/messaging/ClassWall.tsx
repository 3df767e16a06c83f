import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDateTime } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { commsHref, pollInterval } from './links';

export const WallClassesDocument = graphql(`
  query WallClasses {
    viewer {
      id
      ledClasses {
        id
        name
      }
      children {
        id
        schoolClass {
          id
          name
        }
      }
    }
  }
`);

const WallDocument = graphql(`
  query ClassWall($classId: ID!) {
    classWall(classId: $classId) {
      id
      author
      body
      postedAt
    }
  }
`);

const PostDocument = graphql(`
  mutation PostToClassWall($classId: ID!, $text: String!) {
    postToClassWall(classId: $classId, text: $text) {
      id
    }
  }
`);

/** R-C3: the class teacher's announcements to the class and its families. */
export function ClassWall({ classId }: { classId?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const { data: viewerData } = useQuery(WallClassesDocument);
  const led = viewerData?.viewer?.ledClasses ?? [];
  const classes = [...led, ...(viewerData?.viewer?.children ?? []).flatMap((c) => (c.schoolClass ? [c.schoolClass] : []))].filter(
    (c, i, all) => all.findIndex((x) => x.id === c.id) === i,
  );
  const current = classId ?? classes[0]?.id;
  const { data, error, refetch } = useQuery(WallDocument, { variables: { classId: current ?? '' }, skip: !current, pollInterval: pollInterval() });
  const [post, { loading }] = useMutation(PostDocument);
  const [text, setText] = useState('');
  const [postError, setPostError] = useState<string | null>(null);

  if (!viewerData) return <p className="muted">{t('app.loading')}</p>;
  if (!current) return <p className="card muted">{t('wall.noClass')}</p>;
  const name = classes.find((c) => c.id === current)?.name ?? '';
  const canPost = led.some((c) => c.id === current);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setPostError(null);
    try {
      await post({ variables: { classId: current, text: text.trim() } });
      setText('');
      await refetch();
    } catch (e) {
      setPostError(errorText(e));
    }
  };

  return (
    <section aria-labelledby="wall-title">
      <h1 id="wall-title" className="page-title">
        {t('wall.title', { name })}
      </h1>
      {classes.length > 1 ? (
        <div className="segmented">
          {classes.map((c) => (
            <a key={c.id} href={commsHref({ page: 'wall', classId: c.id })} aria-current={c.id === current ? 'page' : undefined}>
              {c.name}
            </a>
          ))}
        </div>
      ) : null}
      {canPost ? (
        <form className="card form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <textarea
              rows={3}
              value={text}
              placeholder={t('wall.placeholder')}
              aria-label={t('wall.placeholder')}
              onChange={(e) => setText(e.target.value)}
              data-testid="wall-text"
            />
          </div>
          {postError ? <p className="form-error">{postError}</p> : null}
          <button type="submit" className="button button--primary" disabled={loading || !text.trim()} data-testid="wall-post">
            {t('wall.post')}
          </button>
        </form>
      ) : null}
      {error && !data ? <ScreenError error={errorText(error)} onRetry={() => void refetch()} /> : null}
      {data?.classWall.length === 0 ? <p className="card muted">{t('wall.empty')}</p> : null}
      {data?.classWall.map((p) => (
        <article key={p.id} className="card wall-post" data-testid={`wall-post-${p.id}`}>
          <p className="muted">
            {p.author} · {formatDateTime(p.postedAt, lng)}
          </p>
          <p className="wall-post__body">{p.body}</p>
        </article>
      ))}
    </section>
  );
}
