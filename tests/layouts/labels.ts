import { Composio } from '@composio/core';

const composio = new Composio();
const sessions = new Map<string, unknown>();

export async function nested(userId: string) {
  const s = await composio.create('default');
  console.log(s.sessionId);
}

export async function adjacent(userId: string) {
  sessions.set(userId, await composio.create(userId));
}

export async function multiLine(user: { email: string }) {
  const s = await composio.create(
    user.email,
    { toolkits: ['gmail'] },
  );
  console.log(s.sessionId);
}
