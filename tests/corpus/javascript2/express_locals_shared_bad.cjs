const express = require('express');
const { Composio } = require('@composio/core');

const app = express();
app.use(express.json());
const composio = new Composio();
let shared;

async function boot() {
  shared = await composio.create(process.env.COMPOSIO_USER_ID || 'default', { toolkits: ['slack'] }); // [expect CS001] [expect CS002]
  console.log('slack session ready', shared.sessionId);
  app.locals.composioSession = shared;
  app.listen(process.env.PORT || 3000);
}

app.post('/slack/command', async (req, res) => {
  const tools = await shared.tools();
  res.json({ text: `${req.body.user_name}: ${Object.keys(tools).length} tools` });
});

app.get('/slack/tools', async (req, res) => {
  const tools = await req.app.locals.composioSession.tools();
  res.json(Object.keys(tools));
});

boot();
