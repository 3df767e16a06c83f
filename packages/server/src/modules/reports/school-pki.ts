/**
 * Issue 18 / R-R5: the school's X.509 certificate, and the certificates it issues to the people who
 * sign its documents (the director signs the year-end archive). A third party trusts the school's
 * certificate — obtained from the school, not from the archive — and checks a signature against it:
 * `openssl cms -verify -CAfile school.pem`. ECDSA P-256 with SHA-256 throughout.
 *
 * Kept under `<dataDir>/pki/<school id>/`: `school.pem` + `school.key.pem`, and per signer
 * `signers/<user id>.pem` + `.key.pem` (keys readable by their owner only). Created on first use and
 * reused; a signer's certificate is issued again when the person's name or title changed, or it
 * has expired. Dates come from the caller's clock (the archive's moment of signing).
 */
// @peculiar/x509 resolves its parsers through tsyringe, which needs the reflect polyfill loaded first.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { localSigner, type DocumentSigner } from './cms.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const TITLE = '2.5.4.12';

export interface SchoolIdentity {
  id: string;
  name: string;
}
export interface SignerIdentity {
  id: string;
  name: string;
  /** As printed under a signature: "Директор". */
  title: string;
}

interface KeyAndCertificate {
  key: CryptoKey;
  certificate: x509.X509Certificate;
}

const schoolDir = (dataDir: string, schoolId: string) => join(dataDir, 'pki', schoolId);
export const schoolCertificateFile = (dataDir: string, schoolId: string) => join(schoolDir(dataDir, schoolId), 'school.pem');

const serialNumber = () => `01${randomBytes(15).toString('hex')}`;

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey));
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function readPair(certFile: string): Promise<KeyAndCertificate | null> {
  const keyFile = certFile.replace(/\.pem$/, '.key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) return null;
  const der = x509.PemConverter.decodeFirst(readFileSync(keyFile, 'utf8'));
  const key = (await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign'])) as CryptoKey;
  return { key, certificate: new x509.X509Certificate(readFileSync(certFile, 'utf8')) };
}

async function writePair(certFile: string, pair: { key: CryptoKey; certificate: x509.X509Certificate }): Promise<void> {
  mkdirSync(join(certFile, '..'), { recursive: true });
  writeFileSync(certFile.replace(/\.pem$/, '.key.pem'), await exportKey(pair.key), { mode: 0o600 });
  writeFileSync(certFile, pair.certificate.toString('pem'));
}

const generateKeys = () => webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/** The school's own certificate (a CA for its signers), created on first use: valid 20 years. */
async function schoolAuthority(dataDir: string, school: SchoolIdentity, now: Date): Promise<KeyAndCertificate> {
  const file = schoolCertificateFile(dataDir, school.id);
  const existing = await readPair(file);
  if (existing) return existing;
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [school.name] }, { O: [school.name] }, { C: ['RU'] }],
    notBefore: now,
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await writePair(file, { key: keys.privateKey, certificate });
  return { key: keys.privateKey, certificate };
}

/** The school's certificate as PEM, for the people who verify its documents (created if missing). */
export async function schoolCertificatePem(dataDir: string, school: SchoolIdentity, now: Date): Promise<string> {
  return (await schoolAuthority(dataDir, school, now)).certificate.toString('pem');
}

const subjectOf = (school: SchoolIdentity, signer: SignerIdentity) =>
  new x509.Name([{ CN: [signer.name] }, { [TITLE]: [signer.title] }, { O: [school.name] }, { C: ['RU'] }]);

/** The person's signing certificate, issued by the school: valid 3 years, for signing documents only. */
export async function schoolSigner(dataDir: string, school: SchoolIdentity, signer: SignerIdentity, now: Date): Promise<DocumentSigner> {
  const authority = await schoolAuthority(dataDir, school, now);
  const file = join(schoolDir(dataDir, school.id), 'signers', `${signer.id}.pem`);
  let pair = await readPair(file);
  const subject = subjectOf(school, signer);
  if (!pair || pair.certificate.subject !== subject.toString() || pair.certificate.notAfter <= now || pair.certificate.notBefore > now) {
    const keys = await generateKeys();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject,
      issuer: authority.certificate.subjectName,
      notBefore: now,
      notAfter: new Date(now.getTime() + 3 * YEAR_MS),
      publicKey: keys.publicKey,
      signingKey: authority.key,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        // S/MIME signing is what `openssl cms -verify` checks by default.
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(authority.certificate),
      ],
    });
    pair = { key: keys.privateKey, certificate };
    await writePair(file, pair);
  }
  return localSigner(`${signer.name}, ${signer.title}, ${school.name}`, pair.key, new Uint8Array(pair.certificate.rawData));
}

/**
 * The school certificates an archive's signer may be certified by (DER): this installation's schools'
 * own (never created here), and the certificates the operator names (`--trust-cert <file.pem>`).
 */
export function trustedSchoolCertificates(dataDir: string, namedFiles: readonly string[] = []): Uint8Array[] {
  const root = join(dataDir, 'pki');
  const own = existsSync(root)
    ? readdirSync(root)
        .map((schoolId) => schoolCertificateFile(dataDir, schoolId))
        .filter((file) => existsSync(file))
    : [];
  return [...own, ...namedFiles].map((file) => new Uint8Array(new x509.X509Certificate(readFileSync(file, 'utf8')).rawData));
}
