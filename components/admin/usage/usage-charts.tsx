'use client';
import type { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UsageOverview } from '@/lib/admin/usage';
import { bytes, count, shortDay } from './format';
import styles from './usage.module.css';

const COLORS = ['#3557d6', '#1f8a4c', '#d9822b', '#8e44ad', '#c0352b', '#16a2b8', '#6c757d', '#b8860b'];
const HEIGHT = 240;

/** Per day, one key per variant (the stacked bars' shape); variants by total, largest first. */
function byVariant(rows: { day: string; variant: string; deliveries: number }[], days: string[]) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.variant, (totals.get(r.variant) ?? 0) + r.deliveries);
  const names = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  const data = days.map((day) => {
    const point: Record<string, string | number> = { day };
    for (const n of names) point[n] = 0;
    return point;
  });
  const index = new Map(days.map((d, i) => [d, i]));
  for (const r of rows) {
    const point = data[index.get(r.day) ?? -1];
    if (point) point[r.variant] = r.deliveries;
  }
  return { names, data };
}

const axis = { tick: { fontSize: 12 }, tickLine: false } as const;

function ChartCard({ title, children, note }: { title: string; children: ReactElement; note?: string }) {
  return (
    <figure className={`card ${styles.chart}`}>
      <figcaption className={styles.chartTitle}>{title}</figcaption>
      <div className={styles.chartBox}>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          {children}
        </ResponsiveContainer>
      </div>
      {note && <p className="muted">{note}</p>}
    </figure>
  );
}

/** Deliveries per day (by variant where known), bytes delivered and images stored, last 30 days. */
export function UsageCharts({ usage }: { usage: UsageOverview }) {
  const { deliveries, storedHistory } = usage;
  const stored = storedHistory.points.map((p) => ({ day: p.day, stored: p.stored }));
  return (
    <section className={styles.section} aria-labelledby="usage-charts">
      <h2 id="usage-charts" className={styles.heading}>
        Last 30 days (UTC)
      </h2>
      {!deliveries.available && (
        <p className="alert" role="status">
          Delivery figures are not available on this backend. {deliveries.reason}
        </p>
      )}
      <div className={styles.charts}>
        {deliveries.available && <DeliveriesChart deliveries={deliveries} />}
        {deliveries.available && deliveries.days.some((d) => d.bytes !== null) && (
          <ChartCard title="Bytes delivered per day">
            <BarChart data={deliveries.days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
              <YAxis tickFormatter={(v: number) => bytes(v)} {...axis} width={64} />
              <Tooltip formatter={(v) => bytes(Number(v))} />
              <Bar dataKey="bytes" name="Bytes" fill={COLORS[1]} />
            </BarChart>
          </ChartCard>
        )}
        <ChartCard
          title="Images stored"
          note={
            storedHistory.source === 'service'
              ? 'Daily readings of the image service, since its counters started.'
              : 'Images this app recorded, by upload day; images deleted since are not counted.'
          }
        >
          <LineChart data={stored} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
            <YAxis tickFormatter={(v: number) => count(v)} {...axis} width={56} allowDecimals={false} />
            <Tooltip formatter={(v) => count(Number(v))} />
            <Line type="stepAfter" dataKey="stored" name="Images" stroke={COLORS[0]} dot={{ r: 2 }} connectNulls />
          </LineChart>
        </ChartCard>
      </div>
    </section>
  );
}

function DeliveriesChart({ deliveries }: { deliveries: Extract<UsageOverview['deliveries'], { available: true }> }) {
  const days = deliveries.days.map((d) => d.day);
  const total = deliveries.days.reduce((sum, d) => sum + d.deliveries, 0);
  const title = `Deliveries per day (${count(total)} in 30 days)`;
  if (!deliveries.variants) {
    return (
      <ChartCard title={title} note="Cloudflare's Analytics API gives totals per day, not per variant.">
        <BarChart data={deliveries.days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => count(v)} {...axis} width={56} allowDecimals={false} />
          <Tooltip formatter={(v) => count(Number(v))} />
          <Bar dataKey="deliveries" name="Deliveries" fill={COLORS[0]} />
        </BarChart>
      </ChartCard>
    );
  }
  const { names, data } = byVariant(deliveries.variants, days);
  return (
    <ChartCard title={title}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
        <YAxis tickFormatter={(v: number) => count(v)} {...axis} width={56} allowDecimals={false} />
        <Tooltip formatter={(v) => count(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {names.map((n, i) => (
          <Bar key={n} dataKey={n} name={n} stackId="variants" fill={COLORS[i % COLORS.length]} />
        ))}
      </BarChart>
    </ChartCard>
  );
}
