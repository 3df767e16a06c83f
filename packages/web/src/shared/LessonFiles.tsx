import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { openAttachment } from '../messaging/attachments';

/** R-J1: the files of a lesson's homework (its pupils, their parents with consent, the journal's readers). */
export const LessonFilesQuery = graphql(`
  query LessonFiles($lessonId: ID!) {
    lessonFiles(lessonId: $lessonId) {
      id
      fileName
      url
    }
  }
`);

/** The lesson's homework files as buttons that download each one (the file is served only with the session token). */
export function LessonFileList({ lessonId, testId }: { lessonId: string; testId: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(LessonFilesQuery, { variables: { lessonId } });
  const files = data?.lessonFiles ?? [];
  if (files.length === 0) return null;
  return (
    <ul className="plain-list lesson-files" aria-label={t('lessonFiles.title')} data-testid={testId}>
      {files.map((f) => (
        <li key={f.id}>
          <button type="button" className="link-button" onClick={() => void openAttachment(f.url, f.fileName)} aria-label={t('lessonFiles.download', { name: f.fileName })}>
            {f.fileName}
          </button>
        </li>
      ))}
    </ul>
  );
}
