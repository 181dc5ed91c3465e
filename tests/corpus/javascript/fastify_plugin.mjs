import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { Composio } from '@composio/core';

const composioPlugin = fp(async (fastify, opts) => {
  fastify.decorate('composio', new Composio({ apiKey: opts.apiKey }));
});

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
await app.register(composioPlugin, { apiKey: process.env.COMPOSIO_API_KEY });

app.post('/agent', async (request, reply) => {
  const userId = request.headers['x-user-id'];
  if (!userId) return reply.code(401).send({ error: 'unauthenticated' });

  const session = await app.composio.create(userId, { toolkits: ['gmail'] });
  request.log.info({ sessionId: session.sessionId }, 'agent session');
  return { tools: Object.keys(await session.tools()) };
});

// Repo-level trigger for the release bot
app.post('/admin/triggers/github', async (request) => {
  const { owner, repo } = request.body;
  const trigger = await app.composio.triggers.create(
    process.env.RELEASE_BOT_USER_ID || 'default', // [expect CS001]
    'GITHUB_COMMIT_EVENT',
    { triggerConfig: { owner, repo } },
  );
  request.log.info({ triggerId: trigger.triggerId, owner, repo }, 'trigger created');
  return trigger;
});

await app.listen({ port: Number(process.env.PORT) || 8080, host: '0.0.0.0' });
