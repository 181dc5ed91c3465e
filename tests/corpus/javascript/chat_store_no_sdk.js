// lib/chat-store.js -- conversation persistence for the support widget.
// Plain HTTP chat sessions kept in memory + Redis; no third-party agent SDK involved.
const { randomUUID } = require('node:crypto');
const { createClient } = require('redis');

const redis = createClient({ url: process.env.REDIS_URL });
const DEFAULT_USER_ID = 'default';

/** userId -> chat session (anonymous visitors share the "default" bucket) */
const sessions = new Map();

async function getSession(userId = 'default') {
  let session = sessions.get(userId);
  if (!session) {
    session = { id: randomUUID(), userId, messages: [], createdAt: Date.now() };
    sessions.set(userId, session);
  }
  return session;
}

class SessionStore {
  constructor(db) {
    this.db = db;
  }

  async create(userId = DEFAULT_USER_ID) {
    return this.db.sessions.create({ userId, startedAt: new Date() });
  }

  async use(sessionId) {
    return this.db.sessions.findById(sessionId);
  }
}

async function persist(session) {
  if (!redis.isOpen) await redis.connect();
  await redis.set(`chat:${session.id}`, JSON.stringify(session), { EX: 3600 });
  console.log('persisted chat session', session.id, 'for', session.userId);
}

module.exports = { getSession, SessionStore, persist };
