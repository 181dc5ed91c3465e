import { WebSocketServer } from 'ws';
import { Composio } from '@composio/core';
import { verifyToken } from './auth.js';
import { runAgent } from './agent.js';

const composio = new Composio();
const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', async (ws, req) => {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  const claims = await verifyToken(token);
  // one session per socket: a socket is one user's conversation
  const session = await composio.create(claims.sub, { toolkits: ['slack'] });
  console.log(JSON.stringify({ msg: 'ws session', sessionId: session.sessionId }));
  const tools = await session.tools();

  ws.on('message', async (raw) => {
    const reply = await runAgent(raw.toString(), tools);
    ws.send(reply);
  });
});

console.log('listening on :8080');
