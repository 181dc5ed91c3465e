import { Hono } from 'hono';
import { logger as honoLogger } from 'hono/logger';
import { Composio } from '@composio/core';

type Env = { Variables: { userId: string } };

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

// Shared "ops" session that powers the public status widget.
const opsSession = await composio.create(process.env.OPS_USER_ID ?? 'default', { // [expect CS001] [expect CS002]
  toolkits: ['github', 'sentry'],
});
console.log('ops session ready', opsSession.sessionId);

const app = new Hono<Env>();
app.use('*', honoLogger());

app.use('/api/*', async (c, next) => {
  const userId = c.req.header('x-user-id');
  if (!userId) return c.json({ error: 'missing user' }, 401);
  c.set('userId', userId);
  await next();
});

app.get('/api/status', async (c) => {
  const tools = await opsSession.tools();
  return c.json({ tools: Object.keys(tools) });
});

app.post('/api/chat', async (c) => {
  const userId = c.get('userId');
  const { message } = await c.req.json<{ message: string }>();
  const session = await composio.create(userId, { toolkits: ['gmail'] });
  console.log(`chat session=${session.sessionId} user=${userId}`);
  const tools = await session.tools();
  return c.json({ message, tools: Object.keys(tools) });
});

export default app;
