import { PRICING } from '@/lib/admin/pricing';
import type { UsageOverview } from '@/lib/admin/usage';
import { count, monthName, usd } from './format';
import styles from './usage.module.css';

/** This month's estimated bill at the current rate, with every step of the arithmetic shown. */
export function BillEstimate({ usage }: { usage: UsageOverview }) {
  const { bill, projection } = usage.estimate;
  return (
    <section className={styles.section} aria-labelledby="bill">
      <h2 id="bill" className={styles.heading}>
        Estimated bill for {monthName(usage.now)}
      </h2>
      <div className={`card ${styles.bill}`}>
        <dl className={styles.arithmetic}>
          <dt>Images stored</dt>
          <dd>
            {count(bill.stored.count)} images → {bill.stored.blocks} block{bill.stored.blocks === 1 ? '' : 's'} of{' '}
            {count(PRICING.storedBlock)} × {usd(PRICING.storedBlockUsd)} = <strong>{usd(bill.stored.usd)}</strong>
          </dd>
          <dt>Deliveries</dt>
          <dd>
            {projection ? (
              <>
                {count(projection.soFar)}{' '}
                {projection.daysElapsed === 1 ? 'on the first day' : `in the first ${projection.daysElapsed} days`} →{' '}
                {count(projection.soFar)} ÷ {projection.daysElapsed} × {projection.daysInMonth} days ≈{' '}
                {count(projection.projected)} this month → {bill.delivered.blocks} block
                {bill.delivered.blocks === 1 ? '' : 's'} of {count(PRICING.deliveredBlock)} ×{' '}
                {usd(PRICING.deliveredBlockUsd)} = <strong>{usd(bill.delivered.usd)}</strong>
              </>
            ) : (
              'Not available on this backend, so not included.'
            )}
          </dd>
          <dt>Total</dt>
          <dd>
            <strong data-testid="bill-total">{usd(bill.totalUsd)}</strong>
          </dd>
        </dl>
        <p className="muted">
          Stored images are billed in prepaid blocks of {count(PRICING.storedBlock)} ({usd(PRICING.storedBlockUsd)} a
          month each, a started block counts whole); deliveries per started {count(PRICING.deliveredBlock)} (
          {usd(PRICING.deliveredBlockUsd)}). Flexible-variant transformations and Cloudflare’s free allowances are not
          modelled.
        </p>
      </div>
    </section>
  );
}
