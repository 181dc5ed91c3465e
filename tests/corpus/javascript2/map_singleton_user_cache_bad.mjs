import express from 'express';
import pino from 'pino';
import { Composio } from '@composio/core';
import { requireAuth } from './auth.mjs';

const logger = pino();
const composio = new Composio();
const sessions = new Map();
const app = express();
app.use(express.json());

app.post('/chat', requireAuth, async (req, res) => {
  let session = sessions.get(req.user.id);
  if (!session) {
    session = await composio.create(req.user.id, { toolkits: ['gmail', 'slack'] });
    logger.info({ sessionId: session.sessionId, userId: req.user.id }, 'composio session created');
    sessions.set(req.user.id, session); // [expect CS003]
  }
  const tools = await session.tools();
  res.json({ reply: `${Object.keys(tools).length} tools`, message: req.body.message });
});

export default app;
