// scripts/prepare-digests.mts — run by cron once a night
import { Composio } from '@composio/core';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const composio = new Composio();

const users = await prisma.user.findMany({ where: { digestEnabled: true }, select: { id: true } });
const sessions = await Promise.all(
  users.map((u) => composio.create(u.id, { toolkits: ['gmail'] })), // [expect CS004]
);
console.log(`prepared ${sessions.length} digest sessions`);

for (const session of sessions) {
  const tools = await session.tools();
  console.log(`tools available: ${Object.keys(tools).length}`);
}

await prisma.$disconnect();
