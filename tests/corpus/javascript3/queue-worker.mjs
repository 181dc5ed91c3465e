// workers/agent-worker.mjs — BullMQ worker for long-running agent jobs.
//   node workers/agent-worker.mjs
import { Worker, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import winston from 'winston';
import OpenAI from 'openai';
import { Composio } from '@composio/core';
import { OpenAIProvider } from '@composio/openai';

import { jobs as jobStore } from '../lib/jobs.mjs';

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null });
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY, provider: new OpenAIProvider() });
const openai = new OpenAI();

const QUEUE = 'agent';
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
const REMINDER_TEMPLATE = (name, toolkit) =>
  `Hi ${name}, your ${toolkit} connection expired. Reconnect it in Settings → Connections.`;

// Which session a user's most recent job ran in — shown on the support dashboard.
const lastSessionIdByUser = new Map();

async function runModel(userId, tools, prompt) {
  const messages = [{ role: 'user', content: prompt }];
  for (let i = 0; i < 10; i += 1) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages, tools });
    const msg = completion.choices[0].message;
    if (!msg.tool_calls?.length) return msg.content ?? '';
    messages.push(msg);
    const results = await composio.provider.handleToolCalls(userId, completion);
    msg.tool_calls.forEach((call, idx) => {
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(results[idx]) });
    });
  }
  return 'step limit reached';
}

async function agentRun(job) {
  const { userId, prompt, toolkits = ['gmail', 'github'], sessionId: storedId } = job.data;
  let session;
  if (storedId) {
    session = await composio.use(storedId);
    logger.info('job resumed session', { jobId: job.id, sessionId: session.sessionId });
  } else {
    session = await composio.create(userId, { toolkits, manageConnections: false });
    logger.info('job created session', { jobId: job.id, sessionId: session.sessionId });
  }
  lastSessionIdByUser.set(userId, session.sessionId);
  await job.updateProgress({ stage: 'running', sessionId: session.sessionId });

  const tools = await session.tools();
  const output = await runModel(userId, tools, prompt);
  await jobStore.complete(job.id, { output, sessionId: session.sessionId });
  return { output };
}

async function executeTool(job) {
  const { userId, slug, args } = job.data;
  logger.info('direct execute', { jobId: job.id, slug, userId });
  const result = await composio.tools.execute(slug, { userId, arguments: args ?? {} });
  if (!result.successful) {
    throw new Error(`tool ${slug} failed: ${result.error}`);
  }
  return result.data;
}

async function connectionReminder(job) {
  const { userId, email, name, toolkit, senderUserId } = job.data;
  const accounts = await composio.connectedAccounts.list({ userIds: [userId], toolkitSlugs: [toolkit] });
  if (accounts.items.some((a) => a.status === 'ACTIVE')) {
    logger.info('reminder skipped, already reconnected', { userId, toolkit });
    return { skipped: true };
  }
  // Sent from the support team's own Gmail connection.
  await composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: senderUserId,
    arguments: {
      recipient_email: email,
      subject: `Reconnect ${toolkit}`,
      body: REMINDER_TEMPLATE(name, toolkit),
    },
  });
  return { sent: true };
}

const handlers = {
  'agent-run': agentRun,
  'execute-tool': executeTool,
  'connection-reminder': connectionReminder,
};

const worker = new Worker(
  QUEUE,
  async (job) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job);
  },
  { connection, concurrency: CONCURRENCY },
);

worker.on('failed', (job, err) => {
  logger.error('job failed', { jobId: job?.id, name: job?.name, error: err.message });
});

worker.on('completed', (job) => {
  logger.debug('job completed', { jobId: job.id, name: job.name });
});

const events = new QueueEvents(QUEUE, { connection });
events.on('stalled', ({ jobId }) => logger.warn('job stalled', { jobId }));

async function shutdown(signal) {
  logger.info('shutting down', { signal, lastSessions: lastSessionIdByUser.size });
  await worker.close();
  await events.close();
  await connection.quit();
  process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

logger.info('agent worker started', { queue: QUEUE, concurrency: CONCURRENCY });
