import type { APIGatewayProxyHandlerV2WithJWTAuthorizer } from 'aws-lambda';
import { Composio } from '@composio/core';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'calendar-agent' });
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

const COMPOSIO_USER_ID = process.env.COMPOSIO_USER_ID ?? 'default'; // [expect CS001]

// Created during the cold start and reused by every warm invocation.
const sessionPromise = composio.create(COMPOSIO_USER_ID, { toolkits: ['googlecalendar'] }); // [expect CS002] [expect CS004]

export const handler: APIGatewayProxyHandlerV2WithJWTAuthorizer = async (event) => {
  const callerId = event.requestContext.authorizer.jwt.claims.sub as string;
  const session = await sessionPromise;
  const tools = await session.tools();
  logger.info('listing calendar tools', { callerId, count: Object.keys(tools).length });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tools: Object.keys(tools) }),
  };
};

export const connectHandler: APIGatewayProxyHandlerV2WithJWTAuthorizer = async (event) => {
  const callerId = event.requestContext.authorizer.jwt.claims.sub as string;
  const request = await composio.toolkits.authorize(callerId, 'googlecalendar');
  logger.info('connect link issued', { callerId });
  return {
    statusCode: 200,
    body: JSON.stringify({ redirectUrl: request.redirectUrl }),
  };
};
