// app/api/agent/route.ts
import { NextRequest, NextResponse } from 'next/server';
import { auth } from '@clerk/nextjs/server';
import { generateText, stepCountIs } from 'ai';
import { openai } from '@ai-sdk/openai';
import { getComposio } from '@/lib/composio';
import { rateLimit } from '@/lib/rate-limit';

export const runtime = 'nodejs';
export const maxDuration = 60;

// Visitors without a Clerk login fall back to a configured account.
const GUEST_ACCOUNT = process.env.COMPOSIO_GUEST_USER_ID ?? 'default';  // [expect CS001]
const MODEL = process.env.AGENT_MODEL ?? 'gpt-4o-mini';

type Body = { prompt: string; toolkits?: string[] };

function pickVoice(req: NextRequest): string {
  // 'default' here is a TTS voice preset, unrelated to users.
  return req.nextUrl.searchParams.get('voice') ?? 'default';
}

export async function POST(req: NextRequest) {
  const { userId } = await auth();
  const limited = await rateLimit(userId ?? req.headers.get('x-forwarded-for') ?? 'anon');
  if (limited) {
    return NextResponse.json({ error: 'slow down' }, { status: 429 });
  }

  const { prompt, toolkits = ['gmail'] } = (await req.json()) as Body;
  const composio = getComposio();
  const session = await composio.create(userId ?? GUEST_ACCOUNT, { toolkits });
  console.info('[agent] session', session.sessionId, { signedIn: Boolean(userId) });

  const tools = await session.tools();
  const { text } = await generateText({
    model: openai(MODEL),
    system: 'You are a helpful assistant with access to the user\'s apps.',
    prompt,
    tools,
    stopWhen: stepCountIs(8),
  });

  return NextResponse.json({ text, voice: pickVoice(req), sessionId: session.sessionId });
}
