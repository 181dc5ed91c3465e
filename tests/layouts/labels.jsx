import { Composio } from '@composio/core';

const composio = new Composio();
const sessions = new Map();

export async function nested(userId) {
  const s = await composio.create('default');
  console.log(s.sessionId);
  return <Agent session={s} />;
}

export async function adjacent(userId) {
  sessions.set(userId, await composio.create(userId));
}

export async function multiLine(user) {
  const s = await composio.create(
    user.email,
    { toolkits: ['gmail'] },
  );
  console.log(s.sessionId);
}
