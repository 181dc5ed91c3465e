// src/agent/sessions.ts
import { Composio, type ToolRouterSession } from '@composio/core';
import { logger } from '../logger';

export const composio = new Composio();

const sessionsByUser: Record<string, ToolRouterSession> = {};
const sessionsByThread: Record<string, ToolRouterSession> = {};

/** @deprecated use sessionForThread -- kept for the legacy /chat endpoint */
export async function sessionForUser(userId: string): Promise<ToolRouterSession> {
  const cached = sessionsByUser[userId];
  if (cached) return cached;

  const session = await composio.create(userId, { toolkits: ['gmail', 'slack'] });
  logger.info(`new session ${session.sessionId} for user ${userId}`);
  sessionsByUser[userId] = session; // [expect CS003]
  return session;
}

/** One session per (user, thread): reused only inside the same conversation. */
export async function sessionForThread(userId: string, threadId: string): Promise<ToolRouterSession> {
  const key = `${userId}:${threadId}`;
  const existing = sessionsByThread[key];
  if (existing) return existing;

  const session = await composio.create(userId, { toolkits: ['gmail', 'slack'] });
  logger.info(`new session ${session.sessionId} for thread ${threadId}`);
  sessionsByThread[key] = session;
  return session;
}

export function endThread(userId: string, threadId: string) {
  const key = `${userId}:${threadId}`;
  const session = sessionsByThread[key];
  if (session) {
    logger.info(`closing session ${session.sessionId}`);
  }
  delete sessionsByThread[key];
}
