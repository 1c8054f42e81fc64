// POST /api/webhooks/images — the image service reports a finished direct upload (cf-webhook-auth)
import { z } from 'zod';
import { ApiError, route } from '@/lib/api/errors';
import { appEnv } from '@/lib/env';
import { completeFromWebhook } from '@/lib/images/uploads';
import { secretsEqual } from '@/lib/secure-compare';

const payloadSchema = z.object({
  alert_type: z.literal('image_notification'),
  data: z.object({ image_id: z.string().min(1).max(1024), status: z.enum(['uploaded', 'failed']) }),
});

export const POST = route(async (req) => {
  const secret = appEnv().webhookSecret;
  if (!secret) throw new ApiError(404, 'not_found', 'Webhooks are not configured.');
  if (!secretsEqual(req.headers.get('cf-webhook-auth'), secret))
    throw new ApiError(401, 'bad_secret', 'Webhook secret does not match.');
  const body = payloadSchema.parse(await req.json().catch(() => null));
  const state = body.data.status === 'uploaded' ? await completeFromWebhook(body.data.image_id) : 'ignored';
  return Response.json({ state });
});
