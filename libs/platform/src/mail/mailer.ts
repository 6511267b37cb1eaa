import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Email through SMTP when `SMTP_URL` is set; otherwise `configured` is false and callers show what
 * they would have sent (a reset link to hand over). Messages carry no personal data of the people
 * accompanied: links and counts only.
 */
export class Mailer {
  private readonly transport?: Transporter;

  constructor(private readonly config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>) {
    if (config.SMTP_URL) this.transport = createTransport(config.SMTP_URL);
  }

  get configured(): boolean {
    return Boolean(this.transport);
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured');
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  close(): void {
    this.transport?.close();
  }
}
