import { Composio, type ToolRouterSession } from '@composio/core';
import pino from 'pino';

const log = pino();

/** One ChatThread per conversation; the session is built from the caller's user id. */
export class ChatThread {
  #composio: Composio;
  #session?: ToolRouterSession;
  readonly #userId: string;
  readonly threadId = crypto.randomUUID();

  constructor(composio: Composio, userId: string) {
    this.#composio = composio;
    this.#userId = userId;
  }

  async start(toolkits: string[]) {
    const session = await this.#composio.create(this.#userId, { toolkits });
    log.info({ sessionId: session.sessionId, threadId: this.threadId }, 'thread session');
    this.#session = session;
  }

  async reply(message: string) {
    if (!this.#session) throw new Error('call start() first');
    return { message, tools: await this.#session.tools() };
  }
}
