import express from 'express';
import pino from 'pino';
import { Composio } from '@composio/core';
import { requireAuth } from './auth.mjs';

const logger = pino();
const composio = new Composio();
const threads = new Map();
const app = express();
app.use(express.json());

// one session per (user, thread): reused only inside that conversation
app.post('/threads/:threadId/messages', requireAuth, async (req, res) => {
  const key = `${req.user.id}:${req.params.threadId}`;
  let session = threads.get(key);
  if (!session) {
    session = await composio.create(req.user.id, { toolkits: ['notion'] });
    logger.info({ sessionId: session.sessionId, threadId: req.params.threadId }, 'thread session');
    threads.set(key, session);
  }
  const tools = await session.tools();
  res.json({ tools: Object.keys(tools), message: req.body.message });
});

app.delete('/threads/:threadId', requireAuth, (req, res) => {
  threads.delete(`${req.user.id}:${req.params.threadId}`);
  res.sendStatus(204);
});

export default app;
