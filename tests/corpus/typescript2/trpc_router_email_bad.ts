import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '~/server/api/trpc';
import { composio } from '~/server/composio';
import { logger } from '~/server/logger';

export const agentRouter = createTRPCRouter({
  tools: protectedProcedure
    .input(z.object({ toolkits: z.array(z.string()) }))
    .query(async ({ ctx, input }) => {
      const session = await composio.create(ctx.session.user.email, { toolkits: input.toolkits }); // [expect CS004] [expect CS005]
      return session.tools();
    }),

  connect: protectedProcedure
    .input(z.object({ toolkit: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const session = await composio.create(ctx.session.user.id, { manageConnections: true });
      logger.info({ sessionId: session.sessionId, toolkit: input.toolkit }, 'connect session');
      return session.authorize(input.toolkit);
    }),
});
