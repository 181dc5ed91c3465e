// src/gateway.ts — Hono gateway that hands each conversation its own Composio MCP endpoint.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { Composio, type ToolRouterSession } from '@composio/core';
import { z } from 'zod';

import { verifyJwt, type Claims } from './auth';
import { createLogger } from './logging';

type Env = { Variables: { claims: Claims; requestId: string } };

const log = createLogger('gateway');
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

const CONVERSATION_IDLE_MS = 20 * 60 * 1000;

interface OpenConversation {
  session: ToolRouterSession;
  ownerId: string;
  lastUsed: number;
}

// One session per open conversation; closed or idle conversations are dropped.
const conversations = new Map<string, OpenConversation>();

setInterval(() => {
  const now = Date.now();
  for (const [conversationId, conv] of conversations) {
    if (now - conv.lastUsed > CONVERSATION_IDLE_MS) {
      log.info({ conversationId, sessionId: conv.session.sessionId }, 'conversation idle, dropped');
      conversations.delete(conversationId);
    }
  }
}, 60_000).unref();

const OpenBody = z.object({
  toolkits: z.array(z.string()).min(1).max(10),
  authConfigs: z.record(z.string()).optional(),
});

const ExecuteBody = z.object({
  slug: z.string().regex(/^[A-Z0-9_]+$/),
  arguments: z.record(z.unknown()).default({}),
});

const app = new Hono<Env>();
app.use('*', requestId());

app.use('/v1/*', async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const claims = await verifyJwt(header.replace(/^Bearer /, ''));
  if (!claims) throw new HTTPException(401, { message: 'invalid token' });
  c.set('claims', claims);
  await next();
});

app.post('/v1/conversations/:conversationId/open', async (c) => {
  const { sub } = c.get('claims');
  const conversationId = c.req.param('conversationId');
  const body = OpenBody.parse(await c.req.json());

  const existing = conversations.get(conversationId);
  if (existing && existing.ownerId === sub) {
    existing.lastUsed = Date.now();
    return c.json({ sessionId: existing.session.sessionId, mcpUrl: existing.session.mcp.url });
  }

  const session = await composio.create(sub, {
    toolkits: body.toolkits,
    authConfigs: body.authConfigs,
    manageConnections: true,
  });
  log.info({ conversationId, sessionId: session.sessionId, requestId: c.get('requestId') }, 'conversation opened');
  conversations.set(conversationId, { session, ownerId: sub, lastUsed: Date.now() });
  return c.json({ sessionId: session.sessionId, mcpUrl: session.mcp.url }, 201);
});

app.post('/v1/conversations/:conversationId/close', (c) => {
  const conversationId = c.req.param('conversationId');
  const conv = conversations.get(conversationId);
  if (!conv || conv.ownerId !== c.get('claims').sub) {
    throw new HTTPException(404);
  }
  conversations.delete(conversationId);
  log.info({ conversationId, sessionId: conv.session.sessionId }, 'conversation closed');
  return c.body(null, 204);
});

app.post('/v1/execute', async (c) => {
  const { sub } = c.get('claims');
  const body = ExecuteBody.parse(await c.req.json());
  // A client that forwards our request id to Composio, for cross-system tracing.
  const traced = composio.createSession({ headers: { 'x-request-id': c.get('requestId') } });
  const result = await traced.tools.execute(body.slug, { userId: sub, arguments: body.arguments });
  log.info({ slug: body.slug, ok: result.successful, requestId: c.get('requestId') }, 'execute');
  return c.json(result, result.successful ? 200 : 502);
});

app.get('/v1/connections', async (c) => {
  const { sub } = c.get('claims');
  const accounts = await composio.connectedAccounts.list({ userIds: [sub] });
  return c.json(accounts.items.map((a) => ({ id: a.id, toolkit: a.toolkit.slug, status: a.status })));
});

app.post('/v1/connections/:toolkit', async (c) => {
  const { sub } = c.get('claims');
  const request = await composio.toolkits.authorize(sub, c.req.param('toolkit'));
  log.info({ toolkit: c.req.param('toolkit'), requestId: request.id }, 'authorize');
  return c.json({ redirectUrl: request.redirectUrl });
});

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  log.error({ err, requestId: c.get('requestId') }, 'unhandled');
  return c.json({ error: 'internal error' }, 500);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8787) }, (info) => {
  log.info({ port: info.port }, 'gateway listening');
});
