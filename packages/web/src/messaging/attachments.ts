import { ServerError } from '@apollo/client/errors';
import { getToken } from '../auth/session';

export interface Uploaded {
  id: string;
  fileName: string;
}

/** Stores a file with POST /attachments (the session token as bearer); its id then goes with the message. */
export async function uploadAttachment(file: File): Promise<Uploaded> {
  const response = await fetch(`/attachments?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${getToken() ?? ''}`, 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  // The refusal's body is GraphQL-shaped ({ errors: [{ extensions: { code, reason } }] }): useErrorText words it.
  if (!response.ok) throw new ServerError(`upload failed: ${response.status}`, { response, bodyText: await response.text() });
  return (await response.json()) as Uploaded;
}

/** Opens a message's file: it is served only with the bearer token, so fetch it and hand the browser a blob. */
export async function openAttachment(url: string, fileName: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${getToken() ?? ''}` } });
  if (!response.ok) return;
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
