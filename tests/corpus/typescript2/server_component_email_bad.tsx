// app/settings/integrations/page.tsx
import { currentUser } from '@clerk/nextjs/server';
import { redirect } from 'next/navigation';
import { Composio } from '@composio/core';

const composio = new Composio();

export default async function IntegrationsPage() {
  const user = await currentUser();
  if (!user) redirect('/sign-in');

  async function connectGmail() {
    'use server';
    const request = await composio.connectedAccounts.initiate(
      user!.primaryEmailAddress!.emailAddress, // [expect CS005]
      process.env.GMAIL_AUTH_CONFIG_ID!,
    );
    redirect(request.redirectUrl!);
  }

  const session = await composio.create(user.id, { toolkits: ['gmail'] });
  console.log('integrations page session', session.sessionId);
  const tools = await session.tools();

  return (
    <form action={connectGmail}>
      <p>Signed in as {user.primaryEmailAddress?.emailAddress}</p>
      <p>{Object.keys(tools).length} Gmail tools available</p>
      <button type="submit">Connect Gmail</button>
    </form>
  );
}
