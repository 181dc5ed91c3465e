import express, { type Request, type Response } from 'express';
import Anthropic from '@anthropic-ai/sdk';
import { Composio, type ToolRouterSession } from '@composio/core';
import { AnthropicProvider } from '@composio/anthropic';
import winston from 'winston';

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

interface AuthedRequest extends Request {
  user?: { id: string; orgId: string };
}

export class AssistantController {
  private readonly byConversation = new Map<string, ToolRouterSession>();
  private readonly byUser = new Map<string, ToolRouterSession>();

  constructor(
    private readonly composio: Composio,
    private readonly anthropic: Anthropic,
  ) {}

  chat = async (req: AuthedRequest, res: Response) => {
    const { conversationId, message } = req.body as { conversationId: string; message: string };
    const userId = req.user!.id;
    let session = this.byConversation.get(conversationId);
    if (!session) {
      session = await this.composio.create(userId, { toolkits: ['github'] });
      logger.info('conversation session', { sessionId: session.sessionId, conversationId });
      this.byConversation.set(conversationId, session);
    }
    const reply = await this.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      tools: await session.tools(),
      messages: [{ role: 'user', content: message }],
    });
    res.json({ reply: reply.content });
  };

  quickAction = async (req: AuthedRequest, res: Response) => {
    const userId = req.user!.id;
    const cacheKey = `u:${userId}`;
    let session = this.byUser.get(cacheKey);
    if (!session) {
      session = await this.composio.create(userId, { toolkits: ['slack'] });
      logger.info('quick action session', { sessionId: session.sessionId });
      this.byUser.set(cacheKey, session);  // [expect CS003]
    }
    const tools = await session.tools();
    res.json({ available: Object.keys(tools).length });
  };
}

export function mountAssistant(app: express.Express) {
  const controller = new AssistantController(
    new Composio({ provider: new AnthropicProvider() }),
    new Anthropic(),
  );
  app.post('/assistant/chat', controller.chat);
  app.post('/assistant/quick', controller.quickAction);
}
