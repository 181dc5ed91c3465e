import { Injectable, Logger } from '@nestjs/common';
import { InjectRedis } from '@nestjs-modules/ioredis';
import type Redis from 'ioredis';
import { Composio, type ToolRouterSession } from '@composio/core';

export interface SessionConfig {
  toolkits: string[];
  manageConnections?: boolean;
}

const logger = new Logger('ConversationSession');

/** One Composio session per conversation; built from the caller's own user id. */
export class ConversationSession {
  private session!: ToolRouterSession;

  constructor(private readonly composio: Composio, readonly conversationId: string) {}

  async start(userId: string, config: SessionConfig) {
    this.session = await this.composio.create(userId, config);
    logger.log(`conversation ${this.conversationId} -> session ${this.session.sessionId}`);
    return this.session.sessionId;
  }

  async resume(sessionId: string) {
    this.session = await this.composio.use(sessionId);
    logger.log(`conversation ${this.conversationId} resumed session ${this.session.sessionId}`);
  }

  async handleMessage(message: string) {
    const tools = await this.session.tools();
    return { message, tools };
  }

  end() {
    logger.log(`conversation ${this.conversationId} ended (session ${this.session.sessionId})`);
  }
}

@Injectable()
export class ConversationService {
  constructor(
    private readonly composio: Composio,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  private key(conversationId: string) {
    return `conv:${conversationId}:composio-session`;
  }

  async open(userId: string, conversationId: string, config: SessionConfig = { toolkits: ['gmail'] }) {
    const convo = new ConversationSession(this.composio, conversationId);
    const existing = await this.redis.get(this.key(conversationId));
    if (existing) {
      await convo.resume(existing);
    } else {
      const sessionId = await convo.start(userId, config);
      // store the id, not the object; we reopen with composio.use() on the next turn
      await this.redis.set(this.key(conversationId), sessionId, 'EX', 60 * 60 * 24);
    }
    return convo;
  }
}
