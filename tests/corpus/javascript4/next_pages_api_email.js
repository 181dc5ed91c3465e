// pages/api/inbox.js - shared support inbox assistant
import { Composio } from '@composio/core';
import { getToken } from 'next-auth/jwt';

const composio = new Composio();

const STAFF_DOMAIN = '@acme.dev';

function isStaff(token) {
  return typeof token?.email === 'string' && token.email.endsWith(STAFF_DOMAIN);
}

export default async function handler(req, res) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  const token = await getToken({ req });
  if (!isStaff(token)) {
    return res.status(403).json({ error: 'staff only' });
  }

  // The support mailbox is connected once and every staff member drives it.
  const session = await composio.create('support@acme.dev', { toolkits: ['gmail'] });  // [expect CS005]
  console.log('inbox session', session.sessionId, 'opened by', token.email);

  const tools = await session.tools();
  const { draftTo, subject } = req.body;
  res.status(200).json({
    tools: Object.keys(tools).length,
    draft: { from: 'noreply@acme.dev', to: draftTo, subject },
  });
}

export async function resumeInboxThread(storedSessionId) {
  const session = await composio.use(storedSessionId);  // [expect CS004]
  const tools = await session.tools();
  return { mcp: session.mcp.url, tools: Object.keys(tools) };
}
