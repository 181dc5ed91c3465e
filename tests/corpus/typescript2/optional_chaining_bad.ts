import { Composio } from '@composio/core';

const composio: Composio | undefined = process.env.COMPOSIO_API_KEY
  ? new Composio({ apiKey: process.env.COMPOSIO_API_KEY })
  : undefined;

export async function POST(req: Request) {
  const { userId, threadId } = (await req.json()) as { userId: string; threadId: string };
  const session = await composio?.create(userId, { toolkits: ['linear'] }); // [expect CS004]
  if (!session) return Response.json({ threadId, tools: [] });
  return Response.json({ threadId, tools: Object.keys(await session.tools()) });
}

export async function GET() {
  const result = await composio?.tools.execute('HACKERNEWS_GET_FRONTPAGE', {
    userId: 'default', // [expect CS001]
    arguments: {},
  });
  return Response.json(result?.data ?? {});
}
