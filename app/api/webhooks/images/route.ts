// POST /api/webhooks/images — the image service reports a finished direct upload (cf-webhook-auth)
import { z } from 'zod';
import { readJsonBodyOrNull } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { secretsEqual } from '@/lib/cloudflare-images/secrets';
import { appEnv } from '@/lib/env';
import { completeFromWebhook } from '@/lib/images/uploads';

// Cloudflare's notification shape: `image_id` is the image service's id (`serviceId` in our code).
const payloadSchema = z.object({
  alert_type: z.literal('image_notification'),
  data: z.object({ image_id: z.string().min(1).max(1024), status: z.enum(['uploaded', 'failed']) }),
});

const WEBHOOK_BODY_BYTES = 16 * 1024;

export const POST = apiRoute(async (req) => {
  const secret = appEnv().webhookSecret;
  if (!secret) throw new ApiError(404, 'not_found', 'Webhooks are not configured.');
  if (!secretsEqual(req.headers.get('cf-webhook-auth'), secret))
    throw new ApiError(401, 'bad_secret', 'Webhook secret does not match.');
  // A notification is a few hundred bytes: anything past the small limit is a 413, anything not JSON a 400.
  const body = await readJsonBodyOrNull(req, WEBHOOK_BODY_BYTES);
  const { data } = payloadSchema.parse(body ?? null);
  const serviceId = data.image_id;
  const state = data.status === 'uploaded' ? await completeFromWebhook(serviceId) : 'ignored';
  return Response.json({ state });
});
