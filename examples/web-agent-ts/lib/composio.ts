import { Composio, type ToolRouterSession } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import pino from 'pino';

export const logger = pino({ name: 'web-agent' });

// One long-lived client for the whole app: this is the recommended setup.
export const composio = new Composio({ provider: new VercelProvider() });

// Sessions are kept per user so the next message is "faster".
const sessionsByUser = new Map<string, ToolRouterSession>();

export async function sessionFor(userId: string): Promise<ToolRouterSession> {
  const cached = sessionsByUser.get(userId);
  if (cached) return cached;
  const session = await composio.create(userId, { toolkits: ['gmail', 'googlecalendar'] });
  logger.info({ sessionId: session.sessionId, userId }, 'composio session created');
  sessionsByUser.set(userId, session);
  return session;
}

// Continue a chat thread: only the session id is stored, and reopened per message.
export async function resumeThread(threadSessionId: string) {
  const session = await composio.use(threadSessionId);
  logger.info({ sessionId: session.sessionId }, 'composio session resumed');
  return session;
}
