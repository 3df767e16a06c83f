/**
 * Detached CMS (PKCS#7) signatures of a document, the standard a third party checks with
 * `openssl cms -verify` or any CMS tool (pkijs, with the platform's WebCrypto underneath). The
 * signer's certificate travels inside the signature; the chain is checked against the trusted
 * certificates the verifier names (a school's own certificate), at the moment of signing.
 *
 * A qualified electronic signature (63-ФЗ, ГОСТ Р 34.10-2012) needs a certified provider (КриптоПро
 * CSP/DSS and the like): it plugs in as another `DocumentSigner` whose `sign` returns the provider's
 * detached CMS; `verifyDetached` then needs that provider's algorithms too (see docs/ARCHITECTURE.md).
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/** Whoever signs a document: returns a detached CMS signature (DER) of `content`. */
export interface DocumentSigner {
  /** The signer as a person reads it, e.g. "Иванова Анна Петровна, Директор, МБОУ СОШ № 1". */
  readonly name: string;
  sign(content: Uint8Array, at: Date): Promise<Buffer>;
}

// A copy: a Buffer's `.buffer` is often a shared pool much larger than the Buffer itself.
const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

/** A signer holding its key and X.509 certificate (DER) here, in this process. */
export function localSigner(name: string, key: webcrypto.CryptoKey, certificateDer: Uint8Array): DocumentSigner {
  return {
    name,
    async sign(content, at) {
      const certificate = pkijs.Certificate.fromBER(arrayBuffer(certificateDer));
      const digest = await webcrypto.subtle.digest('SHA-256', content);
      const signerInfo = new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: at })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      });
      const signed = new pkijs.SignedData({
        version: 1,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
        signerInfos: [signerInfo],
        certificates: [certificate],
      });
      await signed.sign(key as unknown as CryptoKey, 0, 'SHA-256', arrayBuffer(content));
      const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
      return Buffer.from(info.toSchema().toBER(false));
    },
  };
}

export interface CmsVerification {
  /** The signature matches the content (whoever made it). */
  intact: boolean;
  /** …and its signer's certificate chains to one of the trusted certificates, valid when it signed. */
  trusted: boolean;
  /** Why not, in words. */
  problem?: string;
  /** The signer certificate's subject, e.g. "CN=Иванова Анна Петровна, title=Директор, O=…". */
  signer?: string;
  signedAt?: Date;
}

function signingTime(signed: pkijs.SignedData): Date | undefined {
  const attribute = signed.signerInfos[0]?.signedAttrs?.attributes.find((a) => a.type === OID.signingTime);
  const value: unknown = attribute?.values[0];
  return value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime ? value.toDate() : undefined;
}

/** pkijs answers a failed check either with a result or by throwing one; both carry the same fields. */
async function check(signed: pkijs.SignedData, params: pkijs.SignedDataVerifyParams): Promise<pkijs.SignedDataVerifyResult> {
  try {
    return await signed.verify({ ...params, signer: 0, extendedMode: true });
  } catch (err) {
    if (err instanceof pkijs.SignedDataVerifyError) return err;
    throw err;
  }
}

/**
 * Checks a detached signature of `content`: that it matches, and that its signer's certificate
 * chains to one of `trusted` (DER certificates), valid at the moment it says it signed.
 */
export async function verifyDetached(signature: Uint8Array, content: Uint8Array, trusted: readonly Uint8Array[]): Promise<CmsVerification> {
  let signed: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(arrayBuffer(signature));
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return { intact: false, trusted: false, problem: 'the signature is not CMS signed data' };
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    return { intact: false, trusted: false, problem: `the signature is not readable CMS: ${(err as Error).message}` };
  }
  const signedAt = signingTime(signed);
  const data = arrayBuffer(content);
  const integrity = await check(signed, { data, checkChain: false });
  const signer = integrity.signerCertificate ? distinguishedName(integrity.signerCertificate.subject) : undefined;
  if (!integrity.signatureVerified) return { intact: false, trusted: false, problem: integrity.message || 'the signature does not match', signer, signedAt };
  const chain = await check(signed, {
    data,
    checkChain: true,
    checkDate: signedAt,
    trustedCerts: trusted.map((der) => pkijs.Certificate.fromBER(arrayBuffer(der))),
  });
  return chain.signatureVerified && chain.signerCertificateVerified
    ? { intact: true, trusted: true, signer, signedAt }
    : { intact: true, trusted: false, problem: chain.message || 'the signer is not certified by a trusted certificate', signer, signedAt };
}

const SHORT_NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.12': 'title', '2.5.4.10': 'O', '2.5.4.6': 'C' };

function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((t) => `${SHORT_NAMES[t.type] ?? t.type}=${t.value.valueBlock.value}`).join(', ');
}
