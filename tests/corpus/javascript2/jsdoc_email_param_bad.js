'use strict';
const { Composio } = require('@composio/core');
const logger = require('./logger');

/**
 * @param {import('@composio/core').Composio} composio
 * @param {string} userEmail
 */
async function openSession(composio, userEmail) {
  return composio.create(userEmail, { toolkits: ['gmail'] }); // [expect CS004] [expect CS005]
}

/**
 * @param {import('@composio/core').Composio} composio
 * @param {{ id: string, email: string }} user
 */
async function openSessionFor(composio, user) {
  const session = await composio.create(user.id, { toolkits: ['gmail'] });
  logger.info({ sessionId: session.sessionId, email: user.email }, 'session opened');
  return session;
}

module.exports = { openSession, openSessionFor, client: new Composio() };
