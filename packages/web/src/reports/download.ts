import { getToken } from '../auth/session';

/**
 * Downloads a file the API serves under /exports with the session token (a plain link cannot carry
 * the Authorization header). A refusal is JSON with the error code, thrown as an Error(code).
 */
export async function downloadExport(path: string, fileName: string): Promise<void> {
  const token = getToken();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const code =
      body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)
        ? (body.errors[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code
        : undefined;
    throw new Error(code ?? `HTTP ${response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
