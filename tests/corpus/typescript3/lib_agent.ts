// lib/agent.ts — shared agent helpers used by the chat route, the cron route and the CLI.
import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import { anthropic } from '@ai-sdk/anthropic';
import { experimental_createMCPClient as createMCPClient, generateText, stepCountIs, streamText } from 'ai';
import type { ModelMessage } from 'ai';

import { db } from './db';
import { postToSlackWebhook } from './slack-webhook';

export const composio = new Composio({
  apiKey: process.env.COMPOSIO_API_KEY,
  provider: new VercelProvider(),
});

const MODEL = anthropic('claude-sonnet-4-5');

/** Settings for the morning digest that the cron route triggers at 07:00. */
const DIGEST_CONFIG = {
  userId: process.env.DIGEST_USER_ID ?? 'default', // [expect CS001]
  toolkits: ['gmail', 'googlecalendar', 'slack'],
  channel: '#daily-digest',
  lookbackHours: 24,
};

export interface ChatTurn {
  chatId: string;
  userId: string;
  messages: ModelMessage[];
}

export interface StartedChat {
  chatId: string;
  sessionId: string;
}

function systemPrompt(now = new Date()): string {
  return [
    'You are a personal assistant with access to the user\'s connected apps.',
    `Today is ${now.toDateString()}.`,
    'Confirm before sending emails or messages on the user\'s behalf.',
  ].join('\n');
}

export async function startChat(userId: string, toolkits: string[]): Promise<StartedChat> {
  const session = await composio.create(userId, { toolkits, manageConnections: true });
  console.log(`[agent] chat session ${session.sessionId} for ${userId}`);
  const chat = await db.chat.create({ data: { ownerId: userId, composioSessionId: session.sessionId } });
  return { chatId: chat.id, sessionId: session.sessionId };
}

export async function streamChatTurn({ chatId, userId, messages }: ChatTurn) {
  const chat = await db.chat.findFirstOrThrow({ where: { id: chatId, ownerId: userId } });
  const session = await composio.use(chat.composioSessionId);
  console.log(`[agent] chat ${chatId} turn in session ${session.sessionId}`);
  const tools = await session.tools();
  return streamText({
    model: MODEL,
    system: systemPrompt(),
    messages,
    tools,
    stopWhen: stepCountIs(10),
    onFinish: async ({ text }) => {
      await db.message.create({ data: { chatId, role: 'assistant', content: text } });
    },
  });
}

/** Variant for MCP-only clients (desktop app): same chat, tools over MCP. */
export async function continueChatOverMcp(chatId: string, storedSessionId: string, messages: ModelMessage[]) {
  const session = await composio.use(storedSessionId); // [expect CS004]
  console.log(`[agent] chat ${chatId} via MCP ${session.mcp.url}`);
  const mcp = await createMCPClient({
    transport: { type: 'http', url: session.mcp.url, headers: session.mcp.headers },
  });
  try {
    const tools = await mcp.tools();
    const { text } = await generateText({
      model: MODEL,
      system: systemPrompt(),
      messages,
      tools,
      stopWhen: stepCountIs(10),
    });
    return text;
  } finally {
    await mcp.close();
  }
}

export async function executeForUser(userId: string, slug: string, args: Record<string, unknown>) {
  console.debug(`[agent] execute ${slug} for ${userId}`);
  return composio.tools.execute(slug, { userId, arguments: args });
}

export async function connectLink(userId: string, toolkit: string, callbackUrl: string) {
  const request = await composio.toolkits.authorize(userId, toolkit);
  console.info(`[agent] connect ${toolkit} for ${userId}: ${request.id} -> ${callbackUrl}`);
  return request.redirectUrl;
}

export async function listConnectedToolkits(userId: string): Promise<string[]> {
  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });
  return accounts.items.filter((a) => a.status === 'ACTIVE').map((a) => a.toolkit.slug);
}

function since(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}

/** Called by app/api/cron/digest/route.ts (Vercel Cron). */
export async function runDailyDigest(): Promise<{ sessionId: string; posted: boolean }> {
  const session = await composio.create(DIGEST_CONFIG.userId, { toolkits: DIGEST_CONFIG.toolkits });
  console.log(`[digest] session ${session.sessionId}`);
  const tools = await session.tools();
  const { text } = await generateText({
    model: MODEL,
    system: systemPrompt(),
    prompt:
      `Summarize unread email and today's meetings since ${since(DIGEST_CONFIG.lookbackHours)}. ` +
      'Keep it under 12 bullet points.',
    tools,
    stopWhen: stepCountIs(12),
  });
  const posted = await postToSlackWebhook(DIGEST_CONFIG.channel, text);
  return { sessionId: session.sessionId, posted };
}
