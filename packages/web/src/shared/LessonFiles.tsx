import { useTranslation } from 'react-i18next';
import { useOwnFragments, type FragmentRef } from '../apollo/fragments';
import { graphql } from '../gql';
import { openAttachment } from '../messaging/attachments';

/** A lesson's homework file (`Lesson.files`, `lessonFiles`) as the list shows it. */
const LessonFileList_file = graphql(`
  fragment LessonFileList_file on LessonFile {
    id
    fileName
    url
  }
`);

/**
 * R-J1: the lesson's homework files as buttons that download each one (the file is served only with the
 * session token). The screen reads the files with its own query: the diary week for all its lessons at once.
 */
export function LessonFileList(props: { files: readonly FragmentRef<typeof LessonFileList_file>[]; testId: string }) {
  // Most lessons have none: nothing to watch in the cache for them (a diary week shows thirty lessons).
  return props.files.length > 0 ? <Files {...props} /> : null;
}

function Files(props: { files: readonly FragmentRef<typeof LessonFileList_file>[]; testId: string }) {
  const { t } = useTranslation();
  const files = useOwnFragments(LessonFileList_file, props.files);
  if (!files || files.length === 0) return null;
  return (
    <ul className="plain-list lesson-files" aria-label={t('lessonFiles.title')} data-testid={props.testId}>
      {files.map((f) => (
        <li key={f.id}>
          <button
            type="button"
            className="link-button"
            onClick={() => void openAttachment(f.url, f.fileName)}
            aria-label={t('lessonFiles.download', { name: f.fileName })}
          >
            {f.fileName}
          </button>
        </li>
      ))}
    </ul>
  );
}
