import { Composio } from '@composio/core';
import { Langfuse } from 'langfuse';
import OpenAI from 'openai';

const composio = new Composio();
const langfuse = new Langfuse();
const openai = new OpenAI();

export async function runAgent(req) {
  const userId = req.auth.userId;
  const session = await composio.create(userId, { toolkits: ['github'] });
  console.info('composio session', session.sessionId);
  const trace = langfuse.trace({ name: 'agent-run', userId, sessionId: session.sessionId });
  const tools = await session.tools();
  trace.update({ output: Object.keys(tools).length });
  return tools;
}

export async function healthcheck() {
  const trace = langfuse.trace({ name: 'healthcheck', userId: 'default' });
  const thread = await openai.beta.threads.create({ metadata: { userId: 'default' } });
  trace.update({ output: thread.id });
  return thread.id;
}

export default runAgent;
