import { Queue, Worker, type Job } from 'bullmq';
import { Composio, type ToolRouterSession } from '@composio/core';
import { redis } from './redis';

const composio = new Composio();
export const digestQueue = new Queue('digest', { connection: redis });

let digestSession: ToolRouterSession | null = null;

// Lazily create the session the first time a job comes in, then keep it around.
async function ensureSession(): Promise<ToolRouterSession> {
  if (!digestSession) {
    digestSession = await composio.create(process.env.DIGEST_BOT_USER!, { toolkits: ['gmail', 'slack'] }); // [expect CS002] [expect CS004]
  }
  return digestSession;
}

export async function runUserDigest(userId: string, since: string) {
  // Per-user variant used by the "send me my digest now" button.
  const session = await composio.create(userId, { toolkits: ['gmail'] });
  console.log(`on-demand digest session ${session.sessionId} since ${since}`);
  return session.tools();
}

type DigestJob = { userId: string; since: string; onDemand?: boolean };

export const digestWorker = new Worker<DigestJob>(
  'digest',
  async (job: Job<DigestJob>) => {
    if (job.data.onDemand) {
      return runUserDigest(job.data.userId, job.data.since);
    }
    const session = await ensureSession();
    const tools = await session.tools();
    console.log(`digest for ${job.data.userId} since ${job.data.since}`);
    return { userId: job.data.userId, tools: Object.keys(tools) };
  },
  { connection: redis, concurrency: 2 },
);

digestWorker.on('failed', (job, err) => {
  console.error(`digest job ${job?.id} failed`, err);
});
