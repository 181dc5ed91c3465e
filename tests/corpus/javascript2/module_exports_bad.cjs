const { Composio } = require('@composio/core');

const composio = new Composio();

module.exports = {
  async sessionFor(userId) {
    const session = await composio.create(userId, { toolkits: ['github'] }); // [expect CS004]
    return session;
  },

  async toolsFor(user) {
    return composio.tools.get(user.emailAddress, { toolkits: ['github'] }); // [expect CS005]
  },

  async watchCommits(user, connectedAccountId) {
    return composio.triggers.create(user.id, 'GITHUB_COMMIT_EVENT', {
      connectedAccountId,
      triggerConfig: { owner: 'acme', repo: 'api' },
    });
  },
};
