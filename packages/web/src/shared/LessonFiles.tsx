import { useTranslation } from 'react-i18next';
import { openAttachment } from '../messaging/attachments';

/** A lesson's homework file as the API gives it (`Lesson.files`, `lessonFiles`). */
export interface LessonFileLink {
  id: string;
  fileName: string;
  url: string;
}

/**
 * R-J1: the lesson's homework files as buttons that download each one (the file is served only with the
 * session token). The screen reads the files with its own query: the diary week for all its lessons at once.
 */
export function LessonFileList({ files, testId }: { files: readonly LessonFileLink[]; testId: string }) {
  const { t } = useTranslation();
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
