// app/api/agent/route.ts — chat endpoint for the dashboard, plus a small automation hook.
import { NextRequest, NextResponse } from 'next/server';
import { auth } from '@clerk/nextjs/server';
import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import { openai } from '@ai-sdk/openai';
import { convertToModelMessages, stepCountIs, streamText, type UIMessage } from 'ai';
import { kv } from '@vercel/kv';
import pino from 'pino';
import { z } from 'zod';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
export const maxDuration = 60;

const log = pino({ name: 'api/agent', level: process.env.LOG_LEVEL ?? 'info' });

const composio = new Composio({
  apiKey: process.env.COMPOSIO_API_KEY,
  provider: new VercelProvider(),
});

const THREAD_TTL_SECONDS = 60 * 60 * 24 * 7;
const AUTOMATION_TOKEN = process.env.AUTOMATION_TOKEN;

const ChatBody = z.object({
  messages: z.array(z.custom<UIMessage>()),
  threadId: z.string().uuid().optional(),
  toolkits: z.array(z.string()).default(['gmail', 'googlecalendar', 'slack']),
});

const AutomationBody = z.object({
  userId: z.string().optional(),
  slug: z.string().regex(/^[A-Z0-9_]+$/),
  arguments: z.record(z.unknown()).default({}),
});

function threadKey(threadId: string): string {
  return `thread:${threadId}:composio-session`;
}

async function sessionForThread(userId: string, threadId: string | undefined, toolkits: string[]) {
  if (threadId) {
    const stored = await kv.get<string>(threadKey(threadId));
    if (stored) {
      const session = await composio.use(stored);
      log.info({ sessionId: session.sessionId, threadId }, 'resumed composio session');
      return session;
    }
  }
  const session = await composio.create(userId, { toolkits, manageConnections: true });
  log.info({ sessionId: session.sessionId, threadId }, 'created composio session');
  if (threadId) {
    // Only the id is kept; the next request reopens it with composio.use().
    await kv.set(threadKey(threadId), session.sessionId, { ex: THREAD_TTL_SECONDS });
  }
  return session;
}

export async function POST(req: NextRequest) {
  const { userId } = await auth();
  if (!userId) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }

  const parsed = ChatBody.safeParse(await req.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const { messages, threadId, toolkits } = parsed.data;

  const session = await sessionForThread(userId, threadId, toolkits);
  const tools = await session.tools();

  const result = streamText({
    model: openai('gpt-4.1'),
    system: 'You are a helpful assistant with access to the user\'s connected apps.',
    messages: convertToModelMessages(messages),
    tools,
    stopWhen: stepCountIs(8),
    onError: ({ error }) => log.error({ err: error, sessionId: session.sessionId }, 'stream failed'),
  });

  return result.toUIMessageStreamResponse({
    headers: { 'x-composio-session': session.sessionId },
  });
}

export async function GET(req: NextRequest) {
  const { userId, sessionClaims } = await auth();
  if (!userId) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }

  const connect = req.nextUrl.searchParams.get('connect');
  if (connect) {
    const userEmail = sessionClaims?.email as string;
    const request = await composio.toolkits.authorize(userEmail, connect); // [expect CS005]
    log.info({ toolkit: connect, requestId: request.id }, 'connect link issued');
    return NextResponse.redirect(request.redirectUrl!);
  }

  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });
  return NextResponse.json({
    connections: accounts.items.map((a) => ({ id: a.id, toolkit: a.toolkit.slug, status: a.status })),
  });
}

// Internal automations (Zapier-style rules) call this with a shared token.
export async function PUT(req: NextRequest) {
  if (!AUTOMATION_TOKEN || req.headers.get('authorization') !== `Bearer ${AUTOMATION_TOKEN}`) {
    return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  }

  const parsed = AutomationBody.safeParse(await req.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const { userId = 'default', slug, arguments: args } = parsed.data; // [expect CS001]

  log.info({ slug, userId }, 'automation execute');
  const result = await composio.tools.execute(slug, { userId, arguments: args });
  return NextResponse.json(result, { status: result.successful ? 200 : 502 });
}

export async function DELETE(req: NextRequest) {
  const { userId } = await auth();
  const threadId = req.nextUrl.searchParams.get('threadId');
  if (!userId || !threadId) {
    return NextResponse.json({ error: 'bad request' }, { status: 400 });
  }
  await kv.del(threadKey(threadId));
  log.info({ threadId }, 'thread session forgotten');
  return new NextResponse(null, { status: 204 });
}
