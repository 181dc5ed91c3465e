'use strict';

// server.js — Express API for the helpdesk assistant.

const express = require('express');
const helmet = require('helmet');
const pino = require('pino');
const pinoHttp = require('pino-http');
const OpenAI = require('openai');
const { Composio } = require('@composio/core');
const { OpenAIProvider } = require('@composio/openai');

const { requireAuth } = require('./middleware/auth');
const { sendWelcomeEmail } = require('./lib/mailer');
const db = require('./lib/db');

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });

const composio = new Composio({
  apiKey: process.env.COMPOSIO_API_KEY,
  provider: new OpenAIProvider(),
});
const openai = new OpenAI();

const PORT = Number(process.env.PORT || 3000);
const SUPPORT_BOT_USER = 'helpdesk-bot';
const CHAT_TOOLKITS = ['gmail', 'googlecalendar', 'slack'];
const MAX_STEPS = 6;

// The triage tools are the same for everyone, so we set them up once.
let supportSession = null;

async function initSupportSession() {
  supportSession = await composio.create(SUPPORT_BOT_USER, { toolkits: ['zendesk', 'slack'] }); // [expect CS002]
  logger.info({ sessionId: supportSession.sessionId }, 'support session ready');
}

async function runAgent(userId, tools, messages) {
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages, tools });
    const message = completion.choices[0].message;
    if (!message.tool_calls || message.tool_calls.length === 0) {
      return message.content || '';
    }
    messages.push(message);
    const results = await composio.provider.handleToolCalls(userId, completion);
    message.tool_calls.forEach((call, i) => {
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(results[i]) });
    });
  }
  return 'I ran out of steps for this request.';
}

const app = express();
app.use(helmet());
app.use(express.json({ limit: '1mb' }));
app.use(pinoHttp({ logger }));

app.get('/healthz', (_req, res) => res.json({ ok: true }));

app.post('/api/signup', async (req, res, next) => {
  try {
    const { email, name } = req.body;
    const user = await db.users.create({ email, name });
    await sendWelcomeEmail(email, name);
    res.status(201).json({ id: user.id });
  } catch (err) {
    next(err);
  }
});

app.post('/api/chat', requireAuth, async (req, res, next) => {
  try {
    const userId = req.user.id;
    const session = await composio.create(userId, { toolkits: CHAT_TOOLKITS, manageConnections: true });
    logger.info({ sessionId: session.sessionId, userId }, 'chat session created');
    const tools = await session.tools();
    const reply = await runAgent(userId, tools, [
      { role: 'system', content: 'You are a helpful assistant for our customers.' },
      { role: 'user', content: String(req.body.message || '') },
    ]);
    res.json({ reply, sessionId: session.sessionId });
  } catch (err) {
    next(err);
  }
});

app.post('/api/chat/:sessionId/continue', requireAuth, async (req, res, next) => {
  try {
    const owned = await db.chatSessions.findOne({ id: req.params.sessionId, userId: req.user.id });
    if (!owned) return res.status(404).json({ error: 'not found' });
    const session = await composio.use(owned.id);
    logger.info({ sessionId: session.sessionId }, 'chat session resumed');
    const reply = await runAgent(req.user.id, await session.tools(), [
      { role: 'user', content: String(req.body.message || '') },
    ]);
    res.json({ reply });
  } catch (err) {
    next(err);
  }
});

app.post('/api/support/triage', requireAuth, async (req, res, next) => {
  try {
    if (!supportSession) await initSupportSession();
    const tools = await supportSession.tools();
    const reply = await runAgent(SUPPORT_BOT_USER, tools, [
      { role: 'system', content: 'Triage the ticket: set priority, tag it, and post a summary to #support.' },
      { role: 'user', content: `Ticket ${req.body.ticketId} from ${req.user.id}` },
    ]);
    res.json({ reply });
  } catch (err) {
    next(err);
  }
});

app.post('/api/connect/:toolkit', requireAuth, async (req, res, next) => {
  try {
    const authConfigId = process.env[`COMPOSIO_AUTH_CONFIG_${req.params.toolkit.toUpperCase()}`];
    if (!authConfigId) return res.status(404).json({ error: 'unknown toolkit' });
    const request = await composio.connectedAccounts.initiate(req.user.id, authConfigId, {
      callbackUrl: `${process.env.PUBLIC_URL}/connected`,
    });
    res.json({ redirectUrl: request.redirectUrl });
  } catch (err) {
    next(err);
  }
});

app.post('/api/execute', requireAuth, async (req, res, next) => {
  try {
    const { slug, arguments: args = {} } = req.body;
    logger.info({ slug, userId: req.user.id }, 'direct execute');
    const result = await composio.tools.execute(slug, { userId: req.user.id, arguments: args });
    res.json(result);
  } catch (err) {
    next(err);
  }
});

if (process.env.NODE_ENV !== 'production') {
  // Handy when adding a toolkit: see what the model will get.
  app.get('/debug/tools/:toolkit', async (req, res, next) => {
    try {
      const tools = await composio.tools.get('default', { toolkits: [req.params.toolkit] }); // [expect CS001]
      res.json(tools.map((t) => t.function.name));
    } catch (err) {
      next(err);
    }
  });
}

app.use((err, req, res, _next) => {
  req.log.error({ err }, 'request failed');
  res.status(err.status || 500).json({ error: 'internal error' });
});

app.listen(PORT, async () => {
  await initSupportSession();
  logger.info(`listening on :${PORT}`);
});

module.exports = app;
