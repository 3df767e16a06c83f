/**
 * R-R5: the Ed25519 key that signs journal archives. From ARCHIVE_SIGNING_KEY (PEM, or base64
 * PKCS#8 DER) when set; otherwise generated on first use into `<dataDir>/archive-signing-key.pem`
 * (readable by its owner only) and reused, so every archive of one installation has one key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const keyFile = (dataDir: string) => join(dataDir, 'archive-signing-key.pem');

function parsePrivateKey(text: string): KeyObject {
  const key = text.includes('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the archive signing key must be an Ed25519 key, not ${key.asymmetricKeyType}`);
  return key;
}

/** The configured key, or the installation's own (created now if there is none yet). */
export function signingKey(opts: { archiveSigningKey?: string; dataDir: string }): KeyObject {
  if (opts.archiveSigningKey) return parsePrivateKey(opts.archiveSigningKey);
  const file = keyFile(opts.dataDir);
  if (!existsSync(file)) {
    mkdirSync(opts.dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  return parsePrivateKey(readFileSync(file, 'utf8'));
}

/**
 * The public keys an archive may be signed by: the installation's own when one is configured or was
 * generated (never created here), and the keys the operator names (`--trust-key <file>`: a PEM public
 * key, or a private key whose public half is meant).
 */
export function trustedPublicKeys(opts: { archiveSigningKey?: string; dataDir: string }, namedKeyFiles: readonly string[] = []): KeyObject[] {
  const own = opts.archiveSigningKey || existsSync(keyFile(opts.dataDir)) ? [createPublicKey(signingKey(opts))] : [];
  const named = namedKeyFiles.map((file) => {
    const key = createPublicKey(readFileSync(file, 'utf8'));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file}: an archive key is an Ed25519 key, not ${key.asymmetricKeyType}`);
    return key;
  });
  return [...own, ...named];
}

/** A public key as it travels in a manifest: base64 SPKI DER. */
export const encodePublicKey = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');
export const decodePublicKey = (text: string) => createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
/** Short form for people to compare: the SHA-256 of the key, first 16 hex digits. */
export const fingerprint = (key: KeyObject) =>
  createHash('sha256')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
