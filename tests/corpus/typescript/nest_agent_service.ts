import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { Composio, type ToolRouterSession } from '@composio/core';

export const COMPOSIO_CLIENT = Symbol('COMPOSIO_CLIENT');
const SUPPORT_BOT_ID = 'support-bot';

@Injectable()
export class AgentService {
  private readonly logger = new Logger(AgentService.name);
  private readonly supportSession: Promise<ToolRouterSession>;

  constructor(@Inject(COMPOSIO_CLIENT) private readonly composio: Composio) {
    // Pre-create the bot's session once at boot so ticket answers are fast.
    this.supportSession = this.composio.create(SUPPORT_BOT_ID, { // [expect CS002] [expect CS004]
      toolkits: ['zendesk', 'slack'],
    });
  }

  async answerTicket(userId: string, ticketId: string) {
    const session = await this.supportSession;
    const tools = await session.tools();
    this.logger.log(`answering ticket ${ticketId} for ${userId}`);
    return { ticketId, tools: Object.keys(tools) };
  }

  async runForUser(userId: string, toolkits: string[]) {
    const session = await this.composio.create(userId, { toolkits });
    this.logger.log(`session ${session.sessionId} started for ${userId}`);
    return session.tools();
  }
}

@Module({
  providers: [
    {
      provide: COMPOSIO_CLIENT,
      useFactory: () => new Composio({ apiKey: process.env.COMPOSIO_API_KEY }),
    },
    AgentService,
  ],
  exports: [AgentService],
})
export class AgentModule {}
