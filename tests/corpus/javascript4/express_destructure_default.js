'use strict';

const express = require('express');
const session = require('express-session');
const core = require('@composio/core');
const { OpenAI } = require('openai');

const app = express();
const composio = new core.Composio({ apiKey: process.env.COMPOSIO_API_KEY });
const openai = new OpenAI();

app.use(express.json({ limit: '1mb' }));
app.use(
  session({
    secret: process.env.COOKIE_SECRET || 'dev-secret',
    resave: false,
    saveUninitialized: false,
    cookie: { sameSite: 'lax' },
  }),
);

async function complete(prompt, tools) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    tools,
  });
  return res.choices[0].message;
}

// Internal playground endpoint used by the docs site's "try it" widget.
app.post('/api/playground', async (req, res) => {
  const { userId = 'default', toolkits = ['hackernews'], prompt } = req.body;  // [expect CS001]
  const toolSession = await composio.create(userId, { toolkits });
  console.log(`playground session ${toolSession.sessionId}`);
  const message = await complete(prompt, await toolSession.tools());
  res.json({ message });
});

app.post('/api/run', async (req, res) => {
  const uid = req.session.user && req.session.user.id;
  if (!uid) {
    return res.status(401).json({ error: 'sign in first' });
  }
  const toolSession = await composio.create(uid, { toolkits: ['gmail', 'github'] });
  console.log('authed run', { sessionId: toolSession.sessionId });
  const message = await complete(req.body.prompt, await toolSession.tools());
  req.session.lastRunAt = Date.now();
  res.json({ message });
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => res.status(204).end());
});

app.listen(process.env.PORT || 8080, () => {
  console.log('listening');
});
