#!/usr/bin/env node
// Weekly "what did I ship" report for every active user. Run from cron, one process per run.
import { readFile } from 'node:fs/promises';
import { Composio } from '@composio/core';

const composio = new Composio();
const csvPath = process.argv[2] ?? './active-users.csv';

const rows = (await readFile(csvPath, 'utf8'))
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [id, email, githubLogin] = line.split(',');
    return { id, email, githubLogin };
  });

let sent = 0;
for (const row of rows) {
  const session = await composio.create(row.id, { toolkits: ['github'] });
  console.log(`[report] user=${row.id} session=${session.sessionId}`);

  const commits = await composio.tools.execute('GITHUB_LIST_COMMITS', {
    userId: row.id,
    arguments: { author: row.githubLogin, since: new Date(Date.now() - 7 * 864e5).toISOString() },
  });
  const count = Array.isArray(commits.data?.commits) ? commits.data.commits.length : 0;

  // The report is mailed to the user's address -- an argument, not their Composio id.
  await composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: row.id,
    arguments: { recipient_email: row.email, subject: 'Your week', body: `You pushed ${count} commits.` },
  });
  sent += 1;
}

console.log(`sent ${sent}/${rows.length} reports`);
