// app/api/mail/route.ts
import { getServerSession } from 'next-auth';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { Composio } from '@composio/core';
import { authOptions } from '@/lib/auth';

const composio = new Composio();

const SendSchema = z.object({
  to: z.string().email(),
  subject: z.string().min(1).max(200),
  body: z.string().max(20_000),
});

export async function POST(req: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user) {
    return new NextResponse('unauthorized', { status: 401 });
  }
  const parsed = SendSchema.safeParse(await req.json());
  if (!parsed.success) {
    return NextResponse.json(parsed.error.flatten(), { status: 400 });
  }
  const { to, subject, body } = parsed.data;

  const result = await composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: session.user.email!,  // [expect CS005]
    arguments: { recipient_email: to, subject, body },
  });
  console.log('mail sent', { ok: result.successful, from: session.user.email });
  return NextResponse.json({ ok: result.successful });
}

export async function GET() {
  const authSession = await getServerSession(authOptions);
  const userEmail = authSession?.user?.email;
  if (!userEmail) {
    return new NextResponse('unauthorized', { status: 401 });
  }
  const request = await composio.connectedAccounts.initiate(userEmail, process.env.GMAIL_AUTH_CONFIG_ID!, {  // [expect CS005]
    callbackUrl: `${process.env.NEXTAUTH_URL}/settings/integrations`,
  });
  return NextResponse.redirect(request.redirectUrl!);
}
