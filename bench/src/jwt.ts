/** HS256 JSON Web Tokens for P2's peer: the runner signs one per parent, PostGraphile's context verifies it. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const JWT_SECRET = 'bench-peer-secret-not-for-production';

export interface Claims {
  /** The signed-in user: `jwt.claims.user_id` in PostgreSQL, which the row-level security policies read. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = encode({ alg: 'HS256', typ: 'JWT' });

export function sign(claims: Claims): string {
  const body = `${HEADER}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`;
}

/** The claims of a valid, unexpired token, else null. */
export function verify(token: string): Claims | null {
  const [header, payload, signature] = token.split('.');
  if (header !== HEADER || !payload || !signature) return null;
  const expected = createHmac('sha256', JWT_SECRET).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  return claims.exp * 1000 > Date.now() ? claims : null;
}
