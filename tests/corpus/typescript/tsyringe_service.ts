import 'reflect-metadata';
import { inject, injectable } from 'tsyringe';
import { Composio } from '@composio/core';
import type { Logger } from 'winston';

export interface AppUser {
  id: string;
  email: string;
  orgId: string;
}

@injectable()
export class IntegrationsService {
  constructor(
    @inject('ComposioClient') private readonly composioClient: Composio,
    @inject('Logger') private readonly logger: Logger,
  ) {}

  async connect(user: AppUser, toolkit: string) {
    const authConfigId = process.env[`${toolkit.toUpperCase()}_AUTH_CONFIG_ID`];
    if (!authConfigId) throw new Error(`no auth config for ${toolkit}`);

    const request = await this.composioClient.connectedAccounts.initiate(user.email, authConfigId, { // [expect CS005]
      callbackUrl: `${process.env.APP_URL}/integrations/callback`,
    });
    this.logger.info('connection initiated', { userId: user.id, toolkit });
    return request.redirectUrl;
  }

  async runTask(task: string, userId: string = 'default') { // [expect CS001]
    const session = await this.composioClient.create(userId, { toolkits: ['github', 'linear'] });
    this.logger.info('task session', { sessionId: session.sessionId, task });
    return session.tools();
  }

  async orgSession(user: AppUser) {
    // Team tools are connected once per org, so the org id is the Composio user here.
    const session = await this.composioClient.create(user.orgId, { toolkits: ['slack'] });
    this.logger.info('org session', { sessionId: session.sessionId, orgId: user.orgId });
    return session;
  }

  async notify(user: AppUser, text: string) {
    return this.composioClient.tools.execute('GMAIL_SEND_EMAIL', {
      userId: user.id,
      arguments: { recipient_email: user.email, subject: 'Integration update', body: text },
    });
  }
}
