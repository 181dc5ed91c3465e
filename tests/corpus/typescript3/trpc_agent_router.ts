// src/server/api/routers/agent.ts — tRPC router for the assistant (T3 stack, NextAuth).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { ToolRouterSession } from '@composio/core';

import { env } from '~/env';
import { composio } from '~/server/composio';
import { logger } from '~/server/logger';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '~/server/api/trpc';

const toolkitSchema = z.enum(['gmail', 'googlecalendar', 'github', 'linear', 'notion']);

const chatInput = z.object({
  threadId: z.string().cuid(),
  message: z.string().min(1).max(8_000),
  toolkits: z.array(toolkitSchema).min(1).default(['gmail', 'googlecalendar']),
});

async function toolNames(session: ToolRouterSession): Promise<string[]> {
  const tools = await session.tools();
  return Object.keys(tools);
}

export const agentRouter = createTRPCRouter({
  chat: protectedProcedure.input(chatInput).mutation(async ({ ctx, input }) => {
    const thread = await ctx.db.thread.findFirst({
      where: { id: input.threadId, ownerId: ctx.session.user.id },
    });
    if (!thread) {
      throw new TRPCError({ code: 'NOT_FOUND' });
    }

    const session = await composio.create(ctx.session.user.id, {
      toolkits: input.toolkits,
      manageConnections: true,
    });
    logger.info({ sessionId: session.sessionId, threadId: thread.id }, 'agent.chat session');

    await ctx.db.thread.update({
      where: { id: thread.id },
      data: { composioSessionId: session.sessionId, updatedAt: new Date() },
    });
    await ctx.db.message.create({
      data: { threadId: thread.id, role: 'user', content: input.message },
    });

    return {
      sessionId: session.sessionId,
      mcpUrl: session.mcp.url,
      tools: await toolNames(session),
    };
  }),

  resume: protectedProcedure
    .input(z.object({ threadId: z.string().cuid() }))
    .query(async ({ ctx, input }) => {
      const thread = await ctx.db.thread.findFirst({
        where: { id: input.threadId, ownerId: ctx.session.user.id },
        select: { id: true, composioSessionId: true },
      });
      if (!thread?.composioSessionId) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'thread has no session' });
      }
      const session = await composio.use(thread.composioSessionId); // [expect CS004]
      logger.debug({ threadId: thread.id, mcpUrl: session.mcp.url }, 'agent.resume');
      return { sessionId: session.sessionId, mcpUrl: session.mcp.url, tools: await toolNames(session) };
    }),

  tools: protectedProcedure
    .input(z.object({ toolkits: z.array(toolkitSchema).min(1) }))
    .query(async ({ ctx, input }) => {
      const tools = await composio.tools.get(ctx.session.user.id, { toolkits: input.toolkits });
      return Object.keys(tools);
    }),

  connect: protectedProcedure
    .input(z.object({ toolkit: toolkitSchema }))
    .mutation(async ({ ctx, input }) => {
      const authConfigId = env.COMPOSIO_AUTH_CONFIGS[input.toolkit];
      if (!authConfigId) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `no auth config for ${input.toolkit}` });
      }
      const request = await composio.connectedAccounts.initiate(
        ctx.session.user.email!, // [expect CS005]
        authConfigId,
        { callbackUrl: `${env.NEXTAUTH_URL}/settings/connections` },
      );
      logger.info({ toolkit: input.toolkit, requestId: request.id }, 'agent.connect');
      return { redirectUrl: request.redirectUrl };
    }),

  connections: protectedProcedure.query(async ({ ctx }) => {
    const accounts = await composio.connectedAccounts.list({ userIds: [ctx.session.user.id] });
    return accounts.items.map((a) => ({
      id: a.id,
      toolkit: a.toolkit.slug,
      status: a.status,
      createdAt: a.createdAt,
    }));
  }),

  sendTestEmail: protectedProcedure.mutation(async ({ ctx }) => {
    const result = await composio.tools.execute('GMAIL_SEND_EMAIL', {
      userId: ctx.session.user.id,
      arguments: {
        recipient_email: ctx.session.user.email,
        subject: 'Assistant test',
        body: 'If you can read this, Gmail is connected.',
      },
    });
    logger.info({ ok: result.successful }, 'agent.sendTestEmail');
    return { ok: result.successful };
  }),

  publicToolkits: publicProcedure.query(async () => {
    const toolkits = await composio.toolkits.get({ category: 'productivity' });
    return toolkits.map((t) => ({ slug: t.slug, name: t.name, logo: t.meta?.logo }));
  }),
});

export type AgentRouter = typeof agentRouter;
