'use strict';

const express = require('express');
const { Composio } = require('@composio/core');

const router = express.Router();
const composio = new Composio();
const COMPOSIO_API = 'https://backend.composio.dev/api/v3';

function requireUser(req, res, next) {
  if (!req.user || !req.user.id) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  return next();
}

async function composioRest(path, body) {
  const res = await fetch(`${COMPOSIO_API}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': process.env.COMPOSIO_API_KEY,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`composio ${path} -> ${res.status}`);
  }
  return res.json();
}

router.post('/star', requireUser, async (req, res) => {
  const { owner, repo } = req.body;
  const data = await composioRest('/tools/execute/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER', {
    user_id: req.user.id,
    arguments: { owner, repo },
  });
  res.json({ ok: data.successful, notify: req.user.email });
});

router.post('/connect/:toolkit', requireUser, async (req, res) => {
  const connection = await composio.toolkits.authorize(req.user.id, req.params.toolkit);
  console.info('connect link issued', { toolkit: req.params.toolkit, user: req.user.id });
  res.json({ redirectUrl: connection.redirectUrl });
});

router.get('/accounts', requireUser, async (req, res) => {
  const accounts = await composio.connectedAccounts.list({ userIds: [req.user.id] });
  const view = req.query.view || 'default';
  res.json({
    view,
    accounts: accounts.items.map((a) => ({ id: a.id, toolkit: a.toolkit.slug, status: a.status })),
    supportContact: 'help@example.com',
  });
});

module.exports = router;
