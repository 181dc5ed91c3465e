import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { Composio } from '@composio/core';

// Client lives across warm invocations; sessions do not.
const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

type Claims = { sub: string; email?: string; 'custom:org_id'?: string };

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) {
  const claims = event.requestContext.authorizer.jwt.claims as unknown as Claims;
  const body = JSON.parse(event.body ?? '{}') as { subject?: string; note?: string };

  const session = await composio.create(claims.sub, { toolkits: ['gmail'] });
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'session created',
      sessionId: session.sessionId,
      requestId: context.awsRequestId,
    }),
  );

  // Send the summary to the caller's own inbox: the email is a tool argument, not the user id.
  // (Falls back to the default subject line when the client sends none.)
  const result = await composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: claims.sub,
    arguments: {
      recipient_email: claims.email,
      subject: body.subject ?? 'Your daily summary',
      body: body.note ?? '',
    },
  });

  return {
    statusCode: result.successful ? 200 : 502,
    body: JSON.stringify({ sessionId: session.sessionId }),
  };
}
