// pages/api/agent.ts — NextAuth's `session` is an auth session, not a Composio one.
import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
import { Composio } from '@composio/core';
import { authOptions } from '../auth/[...nextauth]';

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (!session?.user?.id) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  const toolSession = await composio.create(session.user.id, { toolkits: ['gmail'] });
  console.info(`[agent] user=${session.user.id} composio_session=${toolSession.sessionId}`);
  const tools = await toolSession.tools();
  res.status(200).json({ count: Object.keys(tools).length, email: session.user.email });
}
