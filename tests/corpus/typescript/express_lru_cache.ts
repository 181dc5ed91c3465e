import express, { type Request, type Response } from 'express';
import { LRUCache } from 'lru-cache';
import { Composio, type ToolRouterSession } from '@composio/core';
import { OpenAIProvider } from '@composio/openai';
import OpenAI from 'openai';
import pino from 'pino';
import { requireUser } from './middleware/auth';

const log = pino({ name: 'agent-api' });
const openai = new OpenAI();
// one long-lived client for the whole process
const composio = new Composio({ provider: new OpenAIProvider() });

// "Warm" sessions so repeat messages skip the round trip.
const sessions = new LRUCache<string, ToolRouterSession>({
  max: 1_000,
  ttl: 1000 * 60 * 30,
});

const app = express();
app.use(express.json());

app.post('/v1/chat', requireUser, async (req: Request, res: Response) => {
  const userId = req.user!.id;
  const { message } = req.body as { message: string };

  let session = sessions.get(userId);
  if (!session) {
    session = await composio.create(userId, { toolkits: ['gmail', 'googlecalendar'] }); // [expect CS004]
    sessions.set(userId, session); // [expect CS003]
  }
  log.info({ userId }, 'handling chat message');

  const tools = await session.tools();
  const completion = await openai.chat.completions.create({
    model: 'gpt-4.1',
    messages: [{ role: 'user', content: message }],
    tools,
  });
  const result = await composio.provider.handleToolCalls(userId, completion);
  res.json({ reply: completion.choices[0].message, result });
});

app.post('/v1/reset', requireUser, (req, res) => {
  sessions.delete(req.user!.id);
  res.status(204).end();
});

app.listen(Number(process.env.PORT ?? 3000), () => log.info('listening'));
