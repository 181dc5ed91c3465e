import Fastify from 'fastify';
import { Composio, type ToolRouterSession } from '@composio/core';
import { PrismaClient } from '@prisma/client';

declare module 'fastify' {
  interface FastifyRequest {
    userId: string;
  }
}

const prisma = new PrismaClient();
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
const app = Fastify({ logger: true });

app.decorateRequest('userId', '');
app.addHook('preHandler', async (request, reply) => {
  const uid = request.headers['x-user-id'];
  if (typeof uid !== 'string') return reply.code(401).send({ error: 'unauthenticated' });
  request.userId = uid;
});

app.post<{ Body: { conversationId: string; message: string } }>('/conversations/message', async (request) => {
  const { conversationId, message } = request.body;
  const convo = await prisma.conversation.findFirstOrThrow({
    where: { id: conversationId, ownerId: request.userId },
  });

  let session: ToolRouterSession;
  if (convo.composioSessionId) {
    session = await composio.use(convo.composioSessionId);
  } else {
    session = await composio.create(request.userId, { toolkits: ['gmail', 'googledrive'] });
    await prisma.conversation.update({
      where: { id: convo.id },
      data: { composioSessionId: session.sessionId },
    });
  }
  request.log.info({ sessionId: session.sessionId, conversationId }, 'composio session for turn');

  const tools = await session.tools();
  return { conversationId, message, tools: Object.keys(tools) };
});

// Login sessions are Prisma rows, nothing to do with Composio.
app.post<{ Body: { userId: string } }>('/auth/session', async (request) => {
  const row = await prisma.session.create({
    data: { userId: request.body.userId, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return { token: row.id };
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
