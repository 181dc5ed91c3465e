// app/api/agent/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import { openai } from '@ai-sdk/openai';
import { generateText, stepCountIs } from 'ai';
import { logger } from '@/lib/logger';

export const runtime = 'nodejs';
export const maxDuration = 60;

const composio = new Composio({
  apiKey: process.env.COMPOSIO_API_KEY,
  provider: new VercelProvider(),
});

type AgentBody = {
  userId?: string;
  prompt: string;
  toolkits?: string[];
};

export async function POST(req: NextRequest) {
  // TODO(jan): the iOS app < 2.3 still omits userId, keep the fallback until they update
  const { userId = 'default', prompt, toolkits = ['gmail', 'googlecalendar'] }: AgentBody = await req.json(); // [expect CS001]

  if (!prompt?.trim()) {
    return NextResponse.json({ error: 'prompt is required' }, { status: 400 });
  }

  const session = await composio.create(userId, {
    toolkits,
    manageConnections: true,
  });
  logger.info({ sessionId: session.sessionId, toolkits }, 'agent session created');

  const tools = await session.tools();
  const result = await generateText({
    model: openai('gpt-4.1-mini'),
    system: 'You are a helpful assistant. Use tools when the user asks about mail or calendar.',
    prompt,
    tools,
    stopWhen: stepCountIs(8),
  });

  return NextResponse.json({
    text: result.text,
    steps: result.steps.length,
    sessionId: session.sessionId,
  });
}

export async function GET() {
  // Health probe for the load balancer; no Composio calls here.
  return NextResponse.json({ ok: true, provider: 'vercel' });
}
