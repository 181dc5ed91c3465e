// Lambda behind API Gateway: builds a daily digest for whoever calls it.
import type { APIGatewayProxyHandlerV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { Composio, type ToolRouterSession } from '@composio/core';
import pino from 'pino';

const log = pino({ name: 'digest' });
const composioClient = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
const SERVICE_ACCOUNT = 'svc-digest';

// Survives across invocations while the container is warm.
let warm: ToolRouterSession | undefined;

function ok(body: unknown): APIGatewayProxyResultV2 {
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function callerId(event: Parameters<APIGatewayProxyHandlerV2>[0]): string | undefined {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, string> } } })
    .authorizer?.jwt?.claims;
  return claims?.sub;
}

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  const caller = callerId(event);
  if (!caller) {
    return { statusCode: 401, body: 'unauthorized' };
  }

  if (!warm) {
    warm = await composioClient.create(SERVICE_ACCOUNT, { toolkits: ['gmail', 'notion'] });  // [expect CS002]
    log.info({ sessionId: warm.sessionId }, 'digest session warmed');
  }

  const { since = '24h' } = JSON.parse(event.body ?? '{}') as { since?: string };
  const tools = await warm.tools();
  log.info({ caller, since, toolCount: Object.keys(tools).length }, 'building digest');

  return ok({ caller, since, tools: Object.keys(tools) });
};
