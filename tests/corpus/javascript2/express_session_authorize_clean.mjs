import express from 'express';
import session from 'express-session';
import pino from 'pino';
import { Composio } from '@composio/core';

const log = pino();
const composio = new Composio();
const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/connect/:toolkit', async (req, res) => {
  const userId = req.session.userId;
  if (!userId) return res.redirect('/login');
  // createSession() returns a client configured with extra headers, not a tool-router session
  const traced = composio.createSession({ headers: { 'x-request-id': req.get('x-request-id') ?? '' } });
  const connection = await traced.toolkits.authorize(userId, req.params.toolkit);
  req.session.pendingConnection = connection.id;
  res.redirect(connection.redirectUrl);
});

app.get('/connections', async (req, res) => {
  const accounts = await composio.connectedAccounts.list({ userIds: [req.session.userId] });
  res.json(accounts.items.map((a) => ({ id: a.id, toolkit: a.toolkit.slug })));
});

app.post('/agent', async (req, res) => {
  const toolSession = await composio.create(req.session.userId, { toolkits: ['gmail'] });
  log.info({ sessionId: toolSession.sessionId }, 'agent session');
  const tools = await toolSession.tools();
  res.json({ tools: Object.keys(tools) });
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => res.sendStatus(204));
});

export default app;
