import { Composio, type ToolRouterSession } from '@composio/core';

const tenantKeys: Record<string, string> = JSON.parse(process.env.COMPOSIO_TENANT_KEYS ?? '{}');
const clients: Record<string, Composio> = {};
const sessionCache: Record<string, ToolRouterSession> = {};

function composioFor(tenantId: string): Composio {
  return (clients[tenantId] ??= new Composio({ apiKey: tenantKeys[tenantId] }));
}

export async function toolsForUser(tenantId: string, userId: string, toolkits: string[]) {
  const session = (sessionCache[userId] ??= await composioFor(tenantId).create(userId, { toolkits })); // [expect CS003] [expect CS004]
  return session.tools();
}
