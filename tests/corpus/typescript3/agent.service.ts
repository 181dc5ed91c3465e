// src/agent/agent.service.ts
import {
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Composio, type ToolRouterSession } from '@composio/core';
import { AnthropicProvider } from '@composio/anthropic';
import Anthropic from '@anthropic-ai/sdk';

import { ConversationsRepository } from './conversations.repository';
import type { AgentReply, ConnectResult } from './agent.types';

const MAX_TURNS = 8;
const CACHE_SWEEP_MS = 30 * 60 * 1000;

@Injectable()
export class AgentService implements OnModuleDestroy {
  private readonly logger = new Logger(AgentService.name);
  private readonly anthropic = new Anthropic();

  /** Warm sessions, so follow-up messages skip session creation. */
  private readonly sessions = new Map<string, ToolRouterSession<unknown, unknown, AnthropicProvider>>();
  /** Sessions of conversations that are currently open in a browser tab. */
  private readonly byConversation = new Map<string, ToolRouterSession<unknown, unknown, AnthropicProvider>>();
  private readonly sweeper: NodeJS.Timeout;

  // Composio is registered in AgentModule as { provide: Composio, useFactory: createComposioClient }.
  constructor(
    private readonly composio: Composio<AnthropicProvider>,
    private readonly config: ConfigService,
    private readonly conversations: ConversationsRepository,
  ) {
    this.sweeper = setInterval(() => this.sessions.clear(), CACHE_SWEEP_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private toolkits(): string[] {
    return this.config.get<string>('AGENT_TOOLKITS', 'gmail,slack,notion').split(',');
  }

  private async sessionFor(userId: string) {
    const cached = this.sessions.get(userId);
    if (cached) {
      return cached;
    }
    const session = await this.composio.create(userId, { // [expect CS004]
      toolkits: this.toolkits(),
      manageConnections: true,
    });
    this.sessions.set(userId, session); // [expect CS003]
    return session;
  }

  private async loop(userId: string, tools: Anthropic.Tool[], prompt: string): Promise<string> {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
    for (let turn = 0; turn < MAX_TURNS; turn += 1) {
      const response = await this.anthropic.messages.create({
        model: this.config.get('AGENT_MODEL', 'claude-sonnet-4-5'),
        max_tokens: 2048,
        tools,
        messages,
      });
      if (response.stop_reason !== 'tool_use') {
        return response.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      }
      messages.push({ role: 'assistant', content: response.content });
      const results = await this.composio.provider.handleToolCalls(userId, response);
      messages.push(...results);
    }
    return 'Stopped after too many tool calls.';
  }

  async handleMessage(userId: string, message: string): Promise<AgentReply> {
    const session = await this.sessionFor(userId);
    const tools = await session.tools();
    const text = await this.loop(userId, tools, message);
    return { text };
  }

  async startConversation(userId: string, conversationId: string): Promise<AgentReply> {
    const conversation = await this.conversations.findOwned(conversationId, userId);
    if (!conversation) {
      throw new NotFoundException();
    }
    const session = await this.composio.create(userId, { toolkits: conversation.toolkits });
    this.logger.log(`conversation ${conversationId} -> session ${session.sessionId}`);
    this.byConversation.set(conversationId, session);
    await this.conversations.saveSessionId(conversationId, session.sessionId);
    return { text: '', sessionId: session.sessionId };
  }

  async continueConversation(userId: string, conversationId: string, message: string): Promise<AgentReply> {
    let session = this.byConversation.get(conversationId);
    if (!session) {
      const conversation = await this.conversations.findOwned(conversationId, userId);
      if (!conversation?.sessionId) {
        throw new NotFoundException('conversation has no session yet');
      }
      session = await this.composio.use(conversation.sessionId);
      this.logger.log(`conversation ${conversationId} reopened session ${session.sessionId}`);
      this.byConversation.set(conversationId, session);
    }
    const text = await this.loop(userId, await session.tools(), message);
    return { text, sessionId: session.sessionId };
  }

  endConversation(conversationId: string): void {
    this.byConversation.delete(conversationId);
  }

  async connect(userId: string, toolkit: string): Promise<ConnectResult> {
    const allowed = this.toolkits();
    if (!allowed.includes(toolkit)) {
      throw new ForbiddenException(`toolkit ${toolkit} is not enabled`);
    }
    const request = await this.composio.toolkits.authorize(userId, toolkit);
    this.logger.log(`connect ${toolkit} for ${userId}: ${request.id}`);
    return { redirectUrl: request.redirectUrl ?? '', requestId: request.id };
  }

  async executeTool(userId: string, slug: string, args: Record<string, unknown>) {
    this.logger.debug(`execute ${slug} for ${userId}`);
    return this.composio.tools.execute(slug, { userId, arguments: args });
  }

  async connections(userId: string) {
    const accounts = await this.composio.connectedAccounts.list({ userIds: [userId] });
    return accounts.items.map((a) => ({ id: a.id, toolkit: a.toolkit.slug, status: a.status }));
  }
}
