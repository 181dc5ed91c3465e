import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { Composio } from '@composio/core';

type Bindings = {
  COMPOSIO_API_KEY: string;
  THREADS: KVNamespace;
};
type Variables = { user: { id: string; email: string } };

const app = new Hono<{ Bindings: Bindings; Variables: Variables }>();

app.use('*', cors());
app.use('/api/*', async (c, next) => {
  const id = c.req.header('x-user-id');
  if (!id) return c.text('unauthorized', 401);
  c.set('user', { id, email: c.req.header('x-user-email') ?? '' });
  await next();
});

function trace(event: string, sessionId: string, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ event, sessionId, ...extra, at: new Date().toISOString() }));
}

app.post('/api/threads/:threadId/messages', async (c) => {
  const composio = new Composio({ apiKey: c.env.COMPOSIO_API_KEY });
  const user = c.get('user');
  const threadId = c.req.param('threadId');
  const kvKey = `${user.id}:${threadId}`;

  const storedId = await c.env.THREADS.get(kvKey);
  let session;
  if (storedId) {
    session = await composio.use(storedId);
    trace('session.resumed', session.sessionId, { threadId });
  } else {
    session = await composio.create(user.id, { toolkits: ['gmail', 'googlecalendar'] });
    trace('session.created', session.sessionId, { threadId });
    await c.env.THREADS.put(kvKey, session.sessionId, { expirationTtl: 60 * 60 * 24 * 7 });
  }

  const { text } = await c.req.json<{ text: string }>();
  const tools = await session.tools();
  return c.json({ threadId, received: text.length, tools: Object.keys(tools).length });
});

app.get('/api/me', (c) => {
  const user = c.get('user');
  return c.json({ id: user.id, email: user.email, layout: 'default' });
});

export default app;
