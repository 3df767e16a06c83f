/**
 * Web Push subscriptions (issue 10): a signed-in person turns push on for the browser they use,
 * and off again; the worker sends to them (worker.ts). Only the person's own devices are touched.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createECDH } from 'node:crypto';
import { newId } from '../../kernel/ids.js';
import { badInput } from '../../kernel/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { PushSubscription } from './push.entity.js';
import type { RegisterPushSubscriptionInput } from './push.types.js';

/** Devices one person may have push on at once. */
export const MAX_DEVICES = 10;

export interface PushSettings {
  /** The VAPID public key the browser subscribes with. */
  publicKey: string;
  /** Push services whose endpoints are accepted (origins; `https://*.host` for subdomains). */
  services: readonly string[];
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const decoded = (value: string) => (BASE64URL.test(value) ? Buffer.from(value, 'base64url') : Buffer.alloc(0));

/**
 * Whether an endpoint is at one of the push services: the server POSTs to it, so an address of
 * the person's choosing would let them aim the server at anything it can reach.
 */
export function atPushService(endpoint: URL, services: readonly string[]): boolean {
  if (endpoint.username || endpoint.password) return false;
  return services.some((service) => {
    const subdomains = service.includes('://*.');
    const origin = new URL(service.replace('://*.', '://'));
    if (endpoint.protocol !== origin.protocol || endpoint.port !== origin.port) return false;
    return subdomains ? endpoint.hostname.endsWith(`.${origin.hostname}`) : endpoint.hostname === origin.hostname;
  });
}

/** A point on P-256, uncompressed (65 bytes): what browsers give as `keys.p256dh`. */
function isP256PublicKey(key: Buffer): boolean {
  if (key.length !== 65 || key[0] !== 4) return false;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Push on for this browser, for the viewer. The same endpoint again updates its keys and name; an
 * endpoint registered by someone else moves to the viewer (the browser is now signed in as them, and
 * it must not keep getting the other person's notices).
 */
export async function registerPushSubscription(
  em: EntityManager,
  viewer: Viewer,
  input: RegisterPushSubscriptionInput,
  settings: PushSettings | null,
  userAgent: string | null,
  now: Date,
): Promise<PushSubscription> {
  let endpoint: URL;
  try {
    endpoint = new URL(input.endpoint);
  } catch {
    throw badInput('BAD_FORMAT', 'endpoint is not a URL.', 'endpoint');
  }
  if (!atPushService(endpoint, settings?.services ?? []))
    throw badInput('NOT_A_PUSH_SERVICE', 'endpoint is not at a push service this server sends to.', 'endpoint');
  if (!isP256PublicKey(decoded(input.p256dh))) throw badInput('BAD_FORMAT', 'p256dh is not a P-256 public key (65 bytes, base64url).', 'p256dh');
  if (decoded(input.auth).length !== 16) throw badInput('BAD_FORMAT', 'auth is not a 16-byte secret (base64url).', 'auth');
  const device = input.device.trim();
  if (!device) throw badInput('NAME_REQUIRED', 'Give the device a name.', 'device');
  const others = await em.count(PushSubscription, { user: viewer.userId, endpoint: { $ne: input.endpoint } });
  if (others >= MAX_DEVICES) throw badInput('TOO_MANY_DEVICES', `Push is on for ${MAX_DEVICES} devices already: turn it off on one of them first.`, 'endpoint');

  return em.transactional(async (tx) => {
    // One statement, so two registrations of one browser at the same moment cannot both insert.
    const [{ id }] = (await tx.execute<{ id: string }[]>(
      `insert into push_subscription (id, user_id, endpoint, p256dh, auth, device, user_agent, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (endpoint) do update set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
         device = excluded.device, user_agent = excluded.user_agent
       returning id`,
      [newId(), viewer.userId, input.endpoint, input.p256dh, input.auth, device, userAgent?.slice(0, 500) ?? null, now],
    )) as [{ id: string }];
    audit(tx, viewer, { action: 'push.register', entity: 'PushSubscription', entityId: id, schoolId: null, data: { device, pushService: endpoint.host } }, now);
    return tx.findOneOrFail(PushSubscription, id, { refresh: true });
  });
}

/** Push off for a browser of the viewer's; false when the viewer has no such device. */
export async function unregisterPushSubscription(em: EntityManager, viewer: Viewer, endpoint: string, now: Date): Promise<boolean> {
  const subscription = await em.findOne(PushSubscription, { endpoint, user: viewer.userId });
  if (!subscription) return false;
  em.remove(subscription);
  audit(
    em,
    viewer,
    { action: 'push.unregister', entity: 'PushSubscription', entityId: subscription.id, schoolId: null, data: { device: subscription.device } },
    now,
  );
  await em.flush();
  return true;
}
