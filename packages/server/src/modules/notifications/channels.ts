/** The ways a notice leaves the server: e-mail over SMTP, SMS through an HTTP provider, Web Push. */
import nodemailer, { type Transporter } from 'nodemailer';
import webpush from 'web-push';
import type { VapidKeys } from './vapid.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The same for every attempt of one delivery, so a mail client can tell a resend. */
  messageId: string;
}

export class MailChannel {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * An SMS provider reached by `POST <url>` with `{ to, text, id }` as JSON; `id` (also the
 * Idempotency-Key header) is the delivery's key, so a provider that honours it never sends twice.
 * Any 2xx answer means accepted.
 */
export class SmsChannel {
  constructor(private readonly url: string) {}

  async send(sms: { to: string; text: string; id: string }): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': sms.id },
      body: JSON.stringify(sms),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`the SMS provider answered ${res.status}`);
  }
}

/**
 * Web Push through `web-push`: the payload is encrypted to the browser's keys (aes128gcm, RFC 8291)
 * and the request signed with the server's VAPID keys, then POSTed to the browser's push service.
 */
export class PushChannel {
  constructor(private readonly vapid: VapidKeys) {}

  /**
   * `gone` when the push service says the subscription no longer exists (404, 410). `topic` makes a
   * resend replace the same notice still waiting at the push service instead of adding a second one.
   */
  async send(to: { endpoint: string; p256dh: string; auth: string }, payload: string, opts: { ttlSeconds: number; topic: string }): Promise<'sent' | 'gone'> {
    try {
      await webpush.sendNotification({ endpoint: to.endpoint, keys: { p256dh: to.p256dh, auth: to.auth } }, payload, {
        vapidDetails: this.vapid,
        contentEncoding: 'aes128gcm',
        TTL: opts.ttlSeconds,
        topic: opts.topic,
        timeout: 10_000,
      });
      return 'sent';
    } catch (err) {
      if (err instanceof webpush.WebPushError) {
        if (err.statusCode === 404 || err.statusCode === 410) return 'gone';
        throw new Error(`the push service answered ${err.statusCode}`, { cause: err });
      }
      throw err;
    }
  }
}
