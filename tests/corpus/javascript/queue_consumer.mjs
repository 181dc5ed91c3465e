import { Consumer } from 'sqs-consumer';
import { SQSClient } from '@aws-sdk/client-sqs';
import winston from 'winston';
import { Composio } from '@composio/core';
import { resolveTicket } from './tickets.mjs';

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const composio = new Composio();

async function handleMessage(message) {
  const { userId, ticketId, toolkits = ['zendesk'] } = JSON.parse(message.Body);

  const session = await composio.create(userId, { toolkits });
  try {
    const tools = await session.tools();
    await resolveTicket(ticketId, tools);
  } catch (err) {
    // only failures are worth a log line here; the session id is what support asks for
    logger.error('ticket failed', { sessionId: session.sessionId, ticketId, error: err.message });
    throw err;
  }
  return message;
}

const consumer = Consumer.create({
  queueUrl: process.env.TICKETS_QUEUE_URL,
  sqs: new SQSClient({ region: process.env.AWS_REGION ?? 'us-east-1' }),
  handleMessage,
  batchSize: 5,
});

consumer.on('error', (err) => logger.error('consumer error', { error: err.message }));
consumer.on('processing_error', (err) => logger.error('processing error', { error: err.message }));
consumer.start();
