import type { Composio } from '@composio/core';
import OpenAI from 'openai';
import Stripe from 'stripe';
import winston from 'winston';
import { createComposioClient } from './composio-client';

export interface RequestContext {
  userId: string;
  email: string;
  plan?: string;
  requestId: string;
}

const logger = winston.createLogger({
  level: 'info',
  transports: [new winston.transports.Console()],
});
const openai = new OpenAI();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');

export async function buildAgentTools(composio: Composio, ctx: RequestContext) {
  const session = await composio.create(ctx.userId, { toolkits: ['hubspot', 'gmail'] });
  logger.info('agent session', { sessionId: session.sessionId, requestId: ctx.requestId });
  return session.tools();
}

export async function startUpgrade(ctx: RequestContext) {
  // Stripe Checkout sessions: unrelated to Composio sessions.
  const checkout = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer_email: ctx.email,
    line_items: [{ price: process.env.PRO_PRICE_ID, quantity: 1 }],
    success_url: 'https://app.example.com/billing?ok=1',
    cancel_url: 'https://app.example.com/billing',
    metadata: { plan: ctx.plan || 'default', requestId: ctx.requestId },
  });
  logger.info('checkout created', { checkout: checkout.id, requestId: ctx.requestId });
  return checkout.url;
}

export async function answer(ctx: RequestContext, question: string) {
  const client = createComposioClient();
  const tools = await buildAgentTools(client, ctx);
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: `Customer on plan ${ctx.plan ?? 'default'}. Contact: ${ctx.email}` },
      { role: 'user', content: question },
    ],
    tools,
  });
  return completion.choices[0]?.message?.content ?? '';
}
