import { Router } from 'express';
import { Composio } from '@composio/core';
import { logger } from '../lib/logger';
import { sessionsRepo } from '../repos/sessions';

export function sessionsRouter(composio: Composio) {
  const router = Router();

  // The desktop app asks for an MCP endpoint for the signed-in user.
  router.post('/sessions', async (req, res) => {
    const session = await composio.create(req.user.id, { // [expect CS004]
      toolkits: req.body.toolkits ?? ['gmail'],
      manageConnections: true,
    });
    await sessionsRepo.insert({ ownerId: req.user.id, sessionId: session.sessionId });
    logger.info('created MCP session', { userId: req.user.id, mcpUrl: session.mcp.url });
    res.status(201).json({ sessionId: session.sessionId, mcpUrl: session.mcp.url });
  });

  router.get('/sessions/:id/tools', async (req, res) => {
    const row = await sessionsRepo.findOwned(req.params.id, req.user.id);
    if (!row) return res.sendStatus(404);

    const session = await composio.use(row.sessionId);
    logger.info('reopened session', { sessionId: session.sessionId });
    const tools = await session.tools();
    res.json(Object.keys(tools));
  });

  router.delete('/sessions/:id', async (req, res) => {
    const removed = await sessionsRepo.deleteOwned(req.params.id, req.user.id);
    logger.info('session row removed', { id: req.params.id, removed });
    res.sendStatus(removed ? 204 : 404);
  });

  return router;
}
