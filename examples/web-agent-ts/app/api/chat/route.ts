import { getServerSession } from 'next-auth';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { composio, logger, resumeThread } from '@/lib/composio';

export async function POST(req: Request) {
  const auth = await getServerSession();
  if (!auth?.user) return new Response('unauthorized', { status: 401 });
  const { message, threadSessionId } = await req.json();

  if (threadSessionId) {
    const session = await resumeThread(threadSessionId);
    const { text } = await generateText({ model: openai('gpt-4.1'), tools: await session.tools(), prompt: message });
    return Response.json({ text });
  }

  // The NextAuth session is not a Composio session, but its email is not a stable user id.
  const session = await composio.create(auth.user.email!, { toolkits: ['gmail'] });
  logger.info({ sessionId: session.sessionId }, 'chat session');
  const { text } = await generateText({ model: openai('gpt-4.1'), tools: await session.tools(), prompt: message });
  return Response.json({ text, threadSessionId: session.sessionId });
}

export async function GET() {
  // Lists what the demo account can do; nobody noticed it serves every visitor.
  const session = await composio.create('default', { toolkits: ['hackernews'] });
  return Response.json({ tools: Object.keys(await session.tools()) });
}
