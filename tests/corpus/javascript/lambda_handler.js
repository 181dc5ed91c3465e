const { Composio } = require('@composio/core');
const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'inbox-agent' });
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

let session; // reused across warm invocations to save a round trip

exports.handler = async (event, context) => {
  const body = typeof event.body === 'string' ? JSON.parse(event.body) : event;
  const userId = body.userId;
  if (!userId) {
    return { statusCode: 400, body: JSON.stringify({ error: 'userId required' }) };
  }

  if (!session) {
    session = await composio.create(userId, { toolkits: ['gmail'] }); // [expect CS002]
    logger.info('session created', { sessionId: session.sessionId, requestId: context.awsRequestId });
  }

  const tools = await session.tools();
  logger.info('tools loaded', { userId, count: Object.keys(tools).length });

  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tools: Object.keys(tools) }),
  };
};
