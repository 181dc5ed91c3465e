import { Composio, type ToolRouterSession } from '@composio/core';

const composio = new Composio();
const OPS_ACCOUNT = 'ops-automation';

export class OpsTools {
  static #shared: ToolRouterSession | undefined;

  static async session(): Promise<ToolRouterSession> {
    OpsTools.#shared ??= await composio.create(OPS_ACCOUNT, { toolkits: ['pagerduty', 'datadog'] }); // [expect CS002] [expect CS004]
    return OpsTools.#shared;
  }
}

export async function acknowledge(userId: string, incidentId: string) {
  const session = await OpsTools.session();
  const tools = await session.tools();
  return { userId, incidentId, tools: Object.keys(tools) };
}
