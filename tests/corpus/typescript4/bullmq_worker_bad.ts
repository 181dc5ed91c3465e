import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { Composio } from '@composio/core';

const connection = new IORedis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
  maxRetriesPerRequest: null,
});
const composio = new Composio();

// BullMQ queue named "default" - the literal is a queue name, nothing more.
export const followups = new Queue('default', { connection });

interface FollowupJob {
  userId?: string;
  toolkit: string;
  leadId: string;
  template: 'short' | 'long';
}

function renderTemplate(kind: FollowupJob['template'], leadId: string): string {
  return kind === 'short'
    ? `Quick follow-up on lead ${leadId}.`
    : `Hi there, following up on our conversation about lead ${leadId}. Let me know a good time.`;
}

async function processFollowup(job: Job<FollowupJob>) {
  const { userId = 'default', toolkit, leadId, template } = job.data;  // [expect CS001]
  const session = await composio.create(userId, { toolkits: [toolkit] });  // [expect CS004]
  console.log(`job ${job.id}: tools via ${session.mcp.url}`);

  const tools = await session.tools();
  await job.updateProgress(50);
  const text = renderTemplate(template, leadId);
  await job.log(`drafted ${text.length} chars with ${Object.keys(tools).length} tools`);
  await job.updateProgress(100);
  return { leadId, drafted: true };
}

export const worker = new Worker<FollowupJob>('default', processFollowup, {
  connection,
  concurrency: 4,
});

worker.on('completed', (job) => console.log(`job ${job.id} done`));
worker.on('failed', (job, err) => console.error(`job ${job?.id} failed`, err));

export async function enqueueFollowup(data: FollowupJob) {
  return followups.add('followup', data, { attempts: 3, backoff: { type: 'exponential', delay: 5000 } });
}
