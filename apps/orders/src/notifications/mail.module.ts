import { Module } from '@nestjs/common';
import { MailProcessor } from './mail.processor';
import { Mailer } from './mailer';
import { Recipients } from './recipients';

/** Email of notifications: users' addresses (Recipients, for the orders-events subscriber) and the mailer. */
@Module({
  providers: [Recipients, Mailer, MailProcessor],
  exports: [Recipients],
})
export class MailModule {}
