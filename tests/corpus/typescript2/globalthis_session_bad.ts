// app/api/assistant/route.ts
import { Composio, type ToolRouterSession } from '@composio/core';

declare global {
  // eslint-disable-next-line no-var
  var __composioSession: ToolRouterSession | undefined;
}

const composio = new Composio();

async function sharedSession(): Promise<ToolRouterSession> {
  globalThis.__composioSession ??= await composio.create(process.env.COMPOSIO_USER_ID ?? 'default', { // [expect CS001] [expect CS002] [expect CS004]
    toolkits: ['gmail', 'googlecalendar'],
  });
  return globalThis.__composioSession;
}

export async function POST(req: Request) {
  const { message } = (await req.json()) as { message: string };
  const session = await sharedSession();
  const tools = await session.tools();
  return Response.json({ message, tools: Object.keys(tools) });
}
