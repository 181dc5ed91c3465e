import * as composioSdk from '@composio/core';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { db } from './db';

const composio = new composioSdk.Composio({ apiKey: process.env.COMPOSIO_API_KEY });

// createSession() returns a client pre-configured with our headers -- it is not a
// tool router session, so there is no session id to log for it.
export function withRequestClient(req: Request, res: Response, next: NextFunction) {
  const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
  res.locals.composio = composio.createSession({ headers: { 'x-request-id': requestId } });
  next();
}

export async function listRepos(req: Request, res: Response) {
  const session = composio.createSession({ headers: { 'x-request-id': String(req.headers['x-request-id']) } });
  const repos = await session.tools.execute('GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER', {
    userId: req.auth.userId,
    arguments: { per_page: 50 },
  });
  res.json(repos.data);
}

export async function sendWelcome(req: Request, res: Response) {
  const user = await db.users.findById(req.auth.userId);
  const result = await composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: user.id,
    arguments: {
      recipient_email: user.email,
      subject: 'Welcome aboard',
      body: `Hi ${user.firstName}, your workspace is ready.`,
    },
  });
  res.json({ ok: result.successful });
}

export function authModeFor(toolkit: string): 'composio' | 'custom' {
  // 'default' here is the auth *mode* env value, not a user
  const mode = process.env[`${toolkit.toUpperCase()}_AUTH_MODE`] ?? 'default';
  switch (mode) {
    case 'custom':
      return 'custom';
    default:
      return 'composio';
  }
}
