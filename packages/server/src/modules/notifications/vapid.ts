/**
 * The server's VAPID key pair (RFC 8292), which signs every Web Push request: a browser subscribes
 * with the public key, and a push service accepts only requests signed with its private twin. So
 * every instance must use the same pair, and it must outlive restarts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import webpush from 'web-push';
import type { Config } from '../../config.js';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** The contact the push services see (mailto: or https:). */
  subject: string;
}

const KEY = 'vapid';

/**
 * The configured pair (VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY), else the one in `server_setting`, made by
 * the first instance that started: a second instance starting at the same moment loses the insert
 * and reads the winner's pair. Checked here, so a bad key or subject stops the start.
 */
export async function vapidKeys(em: EntityManager, configured: Config['vapid']): Promise<VapidKeys> {
  let pair: { publicKey: string; privateKey: string };
  if (configured.publicKey && configured.privateKey) {
    pair = { publicKey: configured.publicKey, privateKey: configured.privateKey };
  } else {
    const connection = em.getConnection();
    const stored = async () => (await connection.execute<{ value: typeof pair }[]>(`select value from server_setting where key = ?`, [KEY]))[0]?.value;
    if (!(await stored())) {
      await connection.execute(`insert into server_setting (key, value, created_at) values (?, ?, now()) on conflict do nothing`, [
        KEY,
        JSON.stringify(webpush.generateVAPIDKeys()),
      ]);
    }
    pair = (await stored())!;
  }
  try {
    webpush.getVapidHeaders('https://push.example', configured.subject, pair.publicKey, pair.privateKey, 'aes128gcm');
  } catch (err) {
    throw new Error(`Web Push cannot sign with these VAPID settings: ${(err as Error).message}`, { cause: err });
  }
  return { ...pair, subject: configured.subject };
}
