// app/chat/page.tsx
import { revalidatePath } from 'next/cache';
import { auth, currentUser } from '@clerk/nextjs/server';
import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import { generateText, stepCountIs } from 'ai';
import { openai } from '@ai-sdk/openai';
import { listMessages, saveMessage } from '@/lib/messages';

const composio = new Composio({ provider: new VercelProvider() });

async function send(formData: FormData) {
  'use server';
  const { userId } = await auth();
  if (!userId) throw new Error('Not signed in');

  const prompt = String(formData.get('prompt') ?? '');
  const toolkit = String(formData.get('toolkit') ?? 'default');

  const session = await composio.create(userId, {
    toolkits: toolkit === 'default' ? ['gmail', 'googlecalendar'] : [toolkit],
  });
  console.log('chat action session', session.sessionId);

  const { text } = await generateText({
    model: openai('gpt-4.1-mini'),
    prompt,
    tools: await session.tools(),
    stopWhen: stepCountIs(5),
  });
  await saveMessage(userId, { prompt, text, sessionId: session.sessionId });
  revalidatePath('/chat');
}

export default async function ChatPage() {
  const user = await currentUser();
  const messages = user ? await listMessages(user.id) : [];

  return (
    <form action={send} className="flex flex-col gap-2 p-6">
      <p className="text-sm">Signed in as {user?.primaryEmailAddress?.emailAddress}</p>
      <select name="toolkit" defaultValue="default">
        <option value="default">Mail + calendar</option>
        <option value="github">GitHub</option>
        <option value="notion">Notion</option>
      </select>
      <textarea name="prompt" rows={4} />
      <button type="submit">Send</button>
      <ul>
        {messages.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ul>
    </form>
  );
}
