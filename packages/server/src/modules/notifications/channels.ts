/** The ways a notice leaves the server: e-mail over SMTP, SMS through an HTTP provider. */
import nodemailer, { type Transporter } from 'nodemailer';

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
