import argon2 from 'argon2';

/** argon2id with OWASP's minimum parameters: ~20 ms on these machines, fine for a sign-in. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/** Verified against this when the login is unknown, so timing does not reveal which logins exist. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword('decoy-password-for-unknown-logins');
    await argon2.verify(await decoy, password);
    return false;
  }
  return argon2.verify(hash, password);
}
