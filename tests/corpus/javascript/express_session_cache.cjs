'use strict';
const express = require('express');
const session = require('express-session');
const { Composio } = require('@composio/core');

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
const app = express();

app.use(express.json());
app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: process.env.NODE_ENV === 'production' },
  }),
);

// userId -> tool router session, so follow-up messages reuse the same tools
const toolSessions = {};

app.post('/login', async (req, res) => {
  const user = await findUserByCredentials(req.body.username, req.body.password);
  if (!user) return res.sendStatus(401);
  req.session.userId = user.id; // express-session, not Composio
  res.sendStatus(204);
});

app.post('/chat', async (req, res) => {
  const { userId } = req.session;
  if (!userId) return res.sendStatus(401);

  let toolSession = toolSessions[userId];
  if (!toolSession) {
    toolSession = await composio.create(userId, { toolkits: ['gmail'] });
    console.log('created composio session', toolSession.sessionId);
    toolSessions[userId] = toolSession; // [expect CS003]
  }

  const tools = await toolSession.tools();
  res.json({ echo: req.body.message, tools: Object.keys(tools) });
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => res.sendStatus(204));
});

async function findUserByCredentials(username, password) {
  // stand-in for the real users table
  if (username === 'demo' && password === process.env.DEMO_PASSWORD) {
    return { id: 'usr_01HZX3' };
  }
  return null;
}

app.listen(Number(process.env.PORT) || 3000);
