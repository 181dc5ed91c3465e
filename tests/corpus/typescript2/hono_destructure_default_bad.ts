import { Hono } from 'hono';
import { Composio } from '@composio/core';

type Env = { COMPOSIO_API_KEY: string };

const app = new Hono<{ Bindings: Env }>();

app.post('/agent', async (c) => {
  const { userId = 'default', prompt } = await c.req.json<{ userId?: string; prompt: string }>(); // [expect CS001]
  const composio = new Composio({ apiKey: c.env.COMPOSIO_API_KEY });
  const session = await composio.create(userId, { toolkits: ['github'] });
  console.log('session', session.sessionId, 'thread', c.req.header('x-thread-id'));
  const tools = await session.tools();
  return c.json({ prompt, tools: Object.keys(tools) });
});

app.get('/health', (c) => c.text('ok'));

export default app;
