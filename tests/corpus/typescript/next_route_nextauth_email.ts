// app/api/assistant/route.ts
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { Composio } from '@composio/core';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/prisma';

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY! });

export async function POST(request: Request) {
  // NextAuth's session (cookie/JWT) -- not a Composio session
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }

  const { message } = (await request.json()) as { message: string };

  const toolSession = await composio.create(session.user.email, { // [expect CS005]
    toolkits: ['github', 'linear'],
  });
  console.info(`[assistant] composio session ${toolSession.sessionId}`);

  const tools = await toolSession.tools();
  return NextResponse.json({ message, toolCount: Object.keys(tools).length });
}

export async function GET() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }

  // Look the account up by email, but key Composio on the stable database id.
  const user = await prisma.user.findUniqueOrThrow({
    where: { email: session.user.email },
    select: { id: true, email: true },
  });

  const toolSession = await composio.create(user.id, { toolkits: ['github'] });
  console.info('[assistant] composio session %s for %s', toolSession.sessionId, user.email);

  const tools = await toolSession.tools();
  return NextResponse.json({
    account: user.email,
    tools: Object.keys(tools),
  });
}
