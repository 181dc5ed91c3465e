import { Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { Composio } from '@composio/core';
import pino from 'pino';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const tracer = trace.getTracer('agent-worker');
const connection = new IORedis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
  maxRetriesPerRequest: null,
});

// The client is long-lived and shared; sessions are created per job below.
let composioClient: Composio | undefined;
function getComposioClient(): Composio {
  composioClient ??= new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
  return composioClient;
}

type AgentJob = { userId: string; action: 'digest' | 'triage' | 'sync'; channel?: string };

function toolkitsFor(action: AgentJob['action']): string[] {
  switch (action) {
    case 'digest':
      return ['gmail', 'slack'];
    case 'triage':
      return ['linear', 'github'];
    default:
      return ['googlesheets'];
  }
}

async function processJob(job: Job<AgentJob>) {
  const { userId, action, channel = '#general' } = job.data;
  return tracer.startActiveSpan(`agent.${action}`, async (span) => {
    try {
      const session = await getComposioClient().create(userId, { toolkits: toolkitsFor(action) });
      span.setAttribute('composio.session_id', session.sessionId);
      span.setAttribute('job.id', job.id ?? 'unknown');
      const tools = await session.tools();
      return { action, channel, toolCount: Object.keys(tools).length };
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}

export const worker = new Worker<AgentJob>('agent-jobs', processJob, {
  connection,
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
  removeOnComplete: { count: 500 },
});

worker.on('completed', (job) => logger.info({ jobId: job.id }, 'job completed'));
worker.on('failed', (job, err) => logger.error({ jobId: job?.id, err }, 'job failed'));
