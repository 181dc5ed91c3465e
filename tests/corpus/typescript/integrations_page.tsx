// app/(dashboard)/integrations/page.tsx
import { redirect } from 'next/navigation';
import { Composio } from '@composio/core';
import { auth } from '@/auth';
import { ConnectButton } from './connect-button';

const composio = new Composio();

const TOOLKITS = ['github', 'gmail', 'slack', 'notion'] as const;

function statusLabel(status: string) {
  switch (status) {
    case 'ACTIVE':
      return 'Connected';
    case 'INITIATED':
      return 'Pending';
    default:
      return 'Not connected';
  }
}

export default async function IntegrationsPage() {
  const authSession = await auth();
  if (!authSession?.user?.id) redirect('/login');
  const { id: userId, email } = authSession.user;

  const accounts = await composio.connectedAccounts.list({
    userIds: [userId],
    toolkitSlugs: [...TOOLKITS],
  });
  const byToolkit = new Map(accounts.items.map((a) => [a.toolkit.slug, a]));

  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-xl font-semibold">Integrations</h1>
      <p className="text-sm text-muted-foreground">Signed in as {email}</p>
      <ul className="mt-6 space-y-3">
        {TOOLKITS.map((slug) => {
          const account = byToolkit.get(slug);
          return (
            <li key={slug} className="flex items-center justify-between rounded border p-3">
              <span className="capitalize">{slug}</span>
              <span data-status={account?.status ?? 'default'}>
                {statusLabel(account?.status ?? 'default')}
              </span>
              {!account && <ConnectButton toolkit={slug} />}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
