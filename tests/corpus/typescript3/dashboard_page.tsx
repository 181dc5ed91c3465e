// app/(app)/dashboard/page.tsx — React Server Component
import { Suspense } from 'react';
import { currentUser } from '@clerk/nextjs/server';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { Composio } from '@composio/core';

import { ChatPanel } from '@/components/chat-panel';
import { ConnectionCard } from '@/components/connection-card';
import { db } from '@/lib/db';

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

const TOOLKITS = [
  { slug: 'gmail', label: 'Gmail', authConfigId: process.env.COMPOSIO_AC_GMAIL! },
  { slug: 'googlecalendar', label: 'Google Calendar', authConfigId: process.env.COMPOSIO_AC_GCAL! },
  { slug: 'slack', label: 'Slack', authConfigId: process.env.COMPOSIO_AC_SLACK! },
  { slug: 'notion', label: 'Notion', authConfigId: process.env.COMPOSIO_AC_NOTION! },
] as const;

type PageProps = {
  searchParams: Promise<{ thread?: string; connected?: string }>;
};

async function loadConnections(userId: string) {
  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });
  const active = new Set(accounts.items.filter((a) => a.status === 'ACTIVE').map((a) => a.toolkit.slug));
  return TOOLKITS.map((t) => ({ ...t, connected: active.has(t.slug) }));
}

async function openSession(userId: string, threadId: string | undefined) {
  if (threadId) {
    const thread = await db.thread.findFirst({ where: { id: threadId, ownerId: userId } });
    if (thread?.composioSessionId) {
      const session = await composio.use(thread.composioSessionId);
      console.info('[dashboard] reopened session', session.sessionId, 'thread', threadId);
      return session;
    }
  }
  const session = await composio.create(userId, {
    toolkits: TOOLKITS.map((t) => t.slug),
    manageConnections: false,
  });
  console.info('[dashboard] new session', session.sessionId);
  return session;
}

async function connectToolkit(formData: FormData) {
  'use server';
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const slug = String(formData.get('slug'));
  const toolkit = TOOLKITS.find((t) => t.slug === slug);
  if (!toolkit) throw new Error(`unknown toolkit ${slug}`);
  const request = await composio.connectedAccounts.initiate(user.id, toolkit.authConfigId, {
    callbackUrl: `${process.env.NEXT_PUBLIC_APP_URL}/dashboard?connected=${slug}`,
  });
  redirect(request.redirectUrl!);
}

async function disconnectToolkit(formData: FormData) {
  'use server';
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const accountId = String(formData.get('accountId'));
  const accounts = await composio.connectedAccounts.list({ userIds: [user.id] });
  if (!accounts.items.some((a) => a.id === accountId)) throw new Error('not your account');
  await composio.connectedAccounts.delete(accountId);
  revalidatePath('/dashboard');
}

async function Connections({ userId }: { userId: string }) {
  const connections = await loadConnections(userId);
  return (
    <ul className="grid grid-cols-2 gap-3">
      {connections.map((c) => (
        <li key={c.slug}>
          <ConnectionCard label={c.label} connected={c.connected}>
            <form action={connectToolkit}>
              <input type="hidden" name="slug" value={c.slug} />
              <button type="submit" disabled={c.connected}>
                {c.connected ? 'Connected' : 'Connect'}
              </button>
            </form>
          </ConnectionCard>
        </li>
      ))}
    </ul>
  );
}

export default async function DashboardPage({ searchParams }: PageProps) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');

  const { thread, connected } = await searchParams;
  const email = user.primaryEmailAddress?.emailAddress ?? '';
  const session = await openSession(user.id, thread);

  return (
    <main className="mx-auto max-w-5xl space-y-8 p-6">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Assistant</h1>
        <span className="text-sm text-muted-foreground">Signed in as {email}</span>
      </header>

      {connected ? (
        <p role="status" className="rounded bg-green-50 p-3 text-sm">
          {connected} is connected. New chats can use it right away.
        </p>
      ) : null}

      <section>
        <h2 className="mb-3 text-lg font-medium">Connected apps</h2>
        <Suspense fallback={<p>Loading connections…</p>}>
          <Connections userId={user.id} />
        </Suspense>
        <form action={disconnectToolkit} className="mt-2 text-xs">
          <input name="accountId" placeholder="connected account id" />
          <button type="submit">Disconnect</button>
        </form>
      </section>

      <section>
        <ChatPanel sessionId={session.sessionId} mcpUrl={session.mcp.url} threadId={thread} userLabel={email} />
      </section>
    </main>
  );
}
