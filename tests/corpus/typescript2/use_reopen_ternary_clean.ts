import { Composio } from '@composio/core';
import { createClient } from 'redis';
import { logger } from './logger';

const composio = new Composio();
const redis = createClient({ url: process.env.REDIS_URL });

export async function handleMessage(userId: string, threadId: string, text: string) {
  const storedId = await redis.get(`composio:thread:${threadId}`);
  const session = storedId
    ? await composio.use(storedId)
    : await composio.create(userId, { toolkits: ['gmail'] });
  logger.info({ sessionId: session.sessionId, threadId, reopened: Boolean(storedId) }, 'composio session');
  if (!storedId) {
    await redis.set(`composio:thread:${threadId}`, session.sessionId, { EX: 86_400 });
  }
  const tools = await session.tools();
  return { text, tools: Object.keys(tools) };
}
