import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { Composio } from '@composio/core';

declare module 'fastify' {
  interface FastifyRequest {
    user: { id: string; email: string };
  }
}

interface AgentPluginOpts {
  composioClient: Composio;
  toolkits: string[];
}

const agentRoutes: FastifyPluginAsync<AgentPluginOpts> = async (fastify, opts) => {
  const { composioClient, toolkits } = opts;

  fastify.post<{ Body: { prompt: string } }>('/agent/start', async (req, reply) => {
    const session = await composioClient.create(req.user.id, { toolkits });
    const { sessionId } = session;
    req.log.info({ sessionId, userId: req.user.id }, 'composio session started');
    reply.header('x-agent-session', sessionId);
    return { sessionId, tools: Object.keys(await session.tools()) };
  });

  fastify.post<{ Body: { sessionId: string; prompt: string } }>('/agent/continue', async (req) => {
    const session = await composioClient.use(req.body.sessionId);
    req.log.info({ sessionId: session.sessionId }, 'composio session resumed');
    return { sessionId: session.sessionId, prompt: req.body.prompt };
  });

  fastify.get<{ Params: { owner: string; repo: string } }>('/repos/:owner/:repo', async (req) => {
    // createSession() only returns a client preconfigured with headers.
    const scoped = composioClient.createSession({ headers: { 'x-request-id': String(req.id) } });
    const result = await scoped.tools.execute('GITHUB_GET_A_REPOSITORY', {
      userId: req.user.id,
      arguments: { owner: req.params.owner, repo: req.params.repo },
    });
    return { ok: result.successful, contact: req.user.email };
  });
};

export async function buildServer(): Promise<FastifyInstance> {
  const fastify = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  fastify.addHook('preHandler', async (req) => {
    // Populated by the gateway after JWT verification.
    req.user = {
      id: String(req.headers['x-user-id'] ?? ''),
      email: String(req.headers['x-user-email'] ?? ''),
    };
  });
  await fastify.register(agentRoutes, {
    composioClient: new Composio(),
    toolkits: ['github', 'linear'],
  });
  return fastify;
}
