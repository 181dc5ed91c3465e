// billing/customers.ts — Stripe and OpenAI only; nothing here talks to Composio.
import Stripe from 'stripe';
import OpenAI from 'openai';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const openai = new OpenAI();

export const defaultUserId = 'default';

type Plan = 'free' | 'pro' | 'team';

export function seatLimit(plan: Plan): number {
  switch (plan) {
    case 'pro':
      return 5;
    case 'team':
      return 50;
    default:
      return 1;
  }
}

export async function ensureCustomer(userId: string = defaultUserId) {
  return stripe.customers.create({ metadata: { userId } });
}

export async function newThread(userId = defaultUserId) {
  return openai.beta.threads.create({ metadata: { userId } });
}

export default async function createSession(db: { sessions: { create(o: object): Promise<unknown> } }) {
  return db.sessions.create({ userId: 'default', ttl: 3600 });
}
