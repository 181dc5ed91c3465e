import { beforeEach, describe, expect, it, vi } from 'vitest';

const createMock = vi.fn();
const listMock = vi.fn();

vi.mock('@composio/core', () => ({
  Composio: vi.fn().mockImplementation(() => ({
    create: createMock,
    connectedAccounts: { list: listMock },
  })),
}));

import { handleAgentRequest, listConnections } from '../src/agent';

describe('handleAgentRequest', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    createMock.mockResolvedValue({
      sessionId: 'trs_test_123',
      tools: vi.fn().mockResolvedValue({ GMAIL_FETCH_EMAILS: {} }),
      mcp: { url: 'https://mcp.example.test/trs_test_123' },
    });
  });

  it('creates a fresh session with the caller id', async () => {
    await handleAgentRequest('user_42', 'check my inbox', ['gmail']);
    expect(createMock).toHaveBeenCalledWith('user_42', expect.objectContaining({ toolkits: ['gmail'] }));
  });

  it('never falls back to the default user', async () => {
    await handleAgentRequest('user_7', 'hi', ['gmail']);
    expect(createMock).not.toHaveBeenCalledWith('default', expect.anything());
  });

  it('creates a new session per message', async () => {
    await handleAgentRequest('user_42', 'one', ['gmail']);
    await handleAgentRequest('user_42', 'two', ['gmail']);
    expect(createMock).toHaveBeenCalledTimes(2);
  });
});

describe('listConnections', () => {
  it("drops accounts that belong to someone else (e.g. the old 'default' user)", async () => {
    listMock.mockResolvedValue({
      items: [
        { id: 'ca_1', userId: 'default', toolkit: { slug: 'github' }, status: 'ACTIVE' },
        { id: 'ca_2', userId: 'user_42', toolkit: { slug: 'gmail' }, status: 'INITIATED' },
      ],
      nextCursor: null,
    });

    const rows = await listConnections('user_42');

    expect(listMock).toHaveBeenCalledWith({ userIds: ['user_42'] });
    expect(rows).toEqual([{ id: 'ca_2', toolkit: 'gmail', status: 'INITIATED' }]);
  });
});
