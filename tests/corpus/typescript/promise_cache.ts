import { Composio, type ToolRouterSession } from '@composio/core';
import type { Logger } from 'pino';

/**
 * Deduplicates concurrent session creation when the UI fires several requests at once.
 */
export class SessionBroker {
  private readonly inflight = new Map<string, Promise<ToolRouterSession>>();
  private readonly clients = new Map<string, Composio>();

  constructor(
    private readonly logger: Logger,
    private readonly apiKeys: Record<string, string>,
  ) {}

  // Long-lived client per tenant; caching the client is fine.
  private composioFor(tenantId: string): Composio {
    let client = this.clients.get(tenantId);
    if (!client) {
      client = new Composio({ apiKey: this.apiKeys[tenantId] });
      this.clients.set(tenantId, client);
    }
    return client;
  }

  async acquire(tenantId: string, userId: string, toolkits: string[]): Promise<ToolRouterSession> {
    const key = `uid:${userId}`;
    const existing = this.inflight.get(key);
    if (existing) return existing;

    const pending = this.composioFor(tenantId).create(userId, { toolkits });
    this.inflight.set(key, pending); // [expect CS003]
    const session = await pending;
    this.logger.info({ sessionId: session.sessionId, tenantId }, 'session acquired');
    return session;
  }

  release(userId: string) {
    this.inflight.delete(`uid:${userId}`);
  }

  get size() {
    return this.inflight.size;
  }
}
