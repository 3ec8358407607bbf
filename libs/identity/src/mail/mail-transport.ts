import { APP_CONFIG, AppConfig } from '@ambidex/platform';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a mail sent twice (a crash between sending and recording it) reads as one message. */
  messageId: string;
}

/** SMTP through nodemailer, from SMTP_URL. Short timeouts: a server that does not answer is a failed attempt, retried later. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(mail: OutgoingMail): Promise<void> {
    await this.smtp().sendMail({ from: this.config.mail.from, ...mail });
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }

  private smtp(): Transporter {
    const url = this.config.mail.smtpUrl;
    if (url === undefined) throw new Error('mail is off: SMTP_URL is not set');
    this.transporter ??= createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transporter;
  }
}
