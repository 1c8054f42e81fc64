import type { Metadata } from 'next';
import { BillEstimate } from '@/components/admin/usage/bill-estimate';
import { TopImages } from '@/components/admin/usage/top-images';
import { UsageCharts } from '@/components/admin/usage/usage-charts';
import { UsageStats } from '@/components/admin/usage/usage-stats';
import { WhatIfCalculator } from '@/components/admin/usage/what-if-calculator';
import { requireAdminPage } from '@/lib/admin/guard';
import { usageOverview } from '@/lib/admin/usage';

export const metadata: Metadata = { title: 'Usage · Admin' };

export default async function UsagePage() {
  const admin = await requireAdminPage();
  const usage = await usageOverview(admin);
  return (
    <>
      <h1>Usage and cost</h1>
      <p className="muted">
        Cloudflare Images bills $5 per 100,000 images stored per month and $1 per 100,000 images delivered; every image
        a browser downloads is a delivery.{' '}
        {usage.backend === 'embedded'
          ? 'These figures come from the embedded image service’s own counters (an extension of its API), in UTC days.'
          : 'Stored images come from Cloudflare’s v1/stats; deliveries from its GraphQL Analytics API where the API token allows.'}
      </p>
      <UsageStats usage={usage} />
      <UsageCharts usage={usage} />
      {usage.deliveries.available && usage.deliveries.top && <TopImages top={usage.deliveries.top} />}
      <BillEstimate usage={usage} />
      <WhatIfCalculator bucketSeconds={usage.signing.bucketSeconds} ttlSeconds={usage.signing.ttlSeconds} />
    </>
  );
}
