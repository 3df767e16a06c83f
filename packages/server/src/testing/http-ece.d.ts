/** The part of `http_ece` (the RFC 8188 encryption web-push uses) that tests decrypt pushes with. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export function decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer;
}
