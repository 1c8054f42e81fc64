import 'server-only';
/**
 * Deliveries per day on real Cloudflare, from its GraphQL Analytics API (`imagesRequestsAdaptiveGroups`,
 * account-scoped). It needs a token with "Account Analytics: Read" besides Images; without it, or on
 * any error, the answer says why and the page shows that delivery figures are not available.
 * This query has not been run against Cloudflare from this repository (no account in the test
 * environment); its shape follows Cloudflare's documentation, and the parsing is unit-tested.
 */
import { z } from 'zod';
import { appEnv } from '@/lib/env';

export const DELIVERIES_QUERY = `query PixvaultDeliveries($account: string!, $from: Date!, $to: Date!) {
  viewer {
    accounts(filter: { accountTag: $account }) {
      imagesRequestsAdaptiveGroups(limit: 1000, filter: { date_geq: $from, date_leq: $to }, orderBy: [date_ASC]) {
        dimensions { date }
        sum { requests }
      }
    }
  }
}`;

const responseSchema = z.object({
  data: z
    .object({
      viewer: z.object({
        accounts: z.array(
          z.object({
            imagesRequestsAdaptiveGroups: z.array(
              z.object({ dimensions: z.object({ date: z.string() }), sum: z.object({ requests: z.number() }) }),
            ),
          }),
        ),
      }),
    })
    .nullish(),
  errors: z.array(z.object({ message: z.string() })).nullish(),
});

export type CloudflareDeliveries = { ok: true; perDay: Map<string, number> } | { ok: false; reason: string };

/** Cloudflare's answer, read: deliveries by day, or the reason there are none. */
export function parseDeliveries(body: unknown): CloudflareDeliveries {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'Cloudflare answered the analytics query in an unexpected shape.' };
  const { data, errors } = parsed.data;
  if (errors && errors.length > 0) {
    return {
      ok: false,
      reason: `Cloudflare's Analytics API refused the query: ${errors[0]?.message ?? 'no reason given'}`,
    };
  }
  const account = data?.viewer.accounts[0];
  if (!account) return { ok: false, reason: 'The API token cannot read analytics of this account.' };
  const perDay = new Map<string, number>();
  for (const g of account.imagesRequestsAdaptiveGroups) {
    perDay.set(g.dimensions.date, (perDay.get(g.dimensions.date) ?? 0) + g.sum.requests);
  }
  return { ok: true, perDay };
}

/** Deliveries per UTC day from `from` to `to` (YYYY-MM-DD, inclusive). */
export async function cloudflareDeliveries(from: string, to: string): Promise<CloudflareDeliveries> {
  const { apiBase, apiToken, accountId } = appEnv().images;
  try {
    const res = await fetch(`${apiBase}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: DELIVERIES_QUERY, variables: { account: accountId, from, to } }),
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) return { ok: false, reason: `Cloudflare's Analytics API answered ${res.status}.` };
    return parseDeliveries(await res.json());
  } catch {
    return { ok: false, reason: "Cloudflare's Analytics API could not be reached." };
  }
}
