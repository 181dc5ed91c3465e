// lib/index.ts — barrel file
export { composio, composio as default } from './composio-client';
export type { ToolRouterSession } from '@composio/core';
export { handleAgentRequest } from './handlers/agent';

export const DEFAULT_TOOLKITS = ['github', 'linear'] as const;
export const defaultUserIdHeader = 'x-user-id';

export function userIdFrom(headers: Headers): string | null {
  return headers.get(defaultUserIdHeader);
}
