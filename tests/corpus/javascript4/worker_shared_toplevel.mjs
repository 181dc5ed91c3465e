// Mail triage worker: pulls jobs for many tenants from SQS.
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { Composio } from '@composio/core';
import pino from 'pino';

const log = pino({ name: 'mail-triage' });
const sqs = new SQSClient({});
const QUEUE_URL = process.env.TRIAGE_QUEUE_URL;
const QUEUE_NAME = process.env.TRIAGE_QUEUE_NAME ?? 'default';

const composio = new Composio();

const session = await composio.create('svc-mail-triage', { toolkits: ['gmail'] });  // [expect CS002]
log.info({ sessionId: session.sessionId, queue: QUEUE_NAME }, 'triage session ready');

export async function handleJob(job) {
  const { tenantId, messageId } = job;
  const tools = await session.tools();
  log.info({ tenantId, messageId, tools: Object.keys(tools).length }, 'triaging');
  return { tenantId, messageId, label: 'inbox' };
}

async function poll() {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }),
  );
  for (const msg of out.Messages ?? []) {
    try {
      await handleJob(JSON.parse(msg.Body));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: QUEUE_URL, ReceiptHandle: msg.ReceiptHandle }));
    } catch (err) {
      log.error({ err, id: msg.MessageId }, 'job failed');
    }
  }
}

if (process.env.NODE_ENV !== 'test') {
  for (;;) {
    await poll();
  }
}
