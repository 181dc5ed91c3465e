import express from 'express';
import { Agent, run, OpenAIConversationsSession } from '@openai/agents';
import { Composio } from '@composio/core';
import { OpenAIAgentsProvider } from '@composio/openai-agents';

const composio = new Composio({ provider: new OpenAIAgentsProvider() });

// Agents SDK conversation history per user -- this is the OpenAI "session", not Composio's.
const histories = new Map();

const app = express();
app.use(express.json());

app.post('/api/run', async (req, res) => {
  const userId = req.get('x-user-id');
  if (!userId) return res.status(401).json({ error: 'missing user' });

  const session = await composio.create(userId, { toolkits: ['gmail', 'googlecalendar'] });
  console.info('composio session %s', session.sessionId);

  const agent = new Agent({
    name: 'Calendar helper',
    instructions: 'Schedule meetings and answer questions about the user calendar.',
    tools: await session.tools(),
  });

  let history = histories.get(userId);
  if (!history) {
    history = new OpenAIConversationsSession();
    histories.set(userId, history);
  }

  const result = await run(agent, req.body.input, { session: history });
  res.json({ output: result.finalOutput });
});

app.delete('/api/run/history', (req, res) => {
  histories.delete(req.get('x-user-id'));
  res.sendStatus(204);
});

app.listen(Number(process.env.PORT) || 3001);
