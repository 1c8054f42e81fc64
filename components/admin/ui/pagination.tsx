import Link from 'next/link';
import styles from './admin-ui.module.css';
import { pageCount, pageWindow } from './page-window';

export interface PaginationProps {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** The page's path, e.g. `/admin/images`. */
  basePath: string;
  /** The current query (filters, sort), kept on every link; `page` is replaced. */
  params: Readonly<Record<string, string>>;
  /** What is counted, plural ("images"). */
  noun: string;
}

/** Server-side pagination: plain links that keep the filters, so every page has its own URL. */
export function Pagination({ page, pageSize, total, basePath, params, noun }: PaginationProps) {
  const count = pageCount(total, pageSize);
  const href = (p: number) => {
    const query = new URLSearchParams(params);
    if (p === 1) query.delete('page');
    else query.set('page', String(p));
    const qs = query.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className={styles.pagination} aria-label="Pages">
      <p className={styles.range}>
        {total === 0 ? `No ${noun}` : `${first}–${last} of ${total.toLocaleString('en')} ${noun}`}
      </p>
      {count > 1 && (
        <ul className={styles.pages}>
          <li>
            {page > 1 ? (
              <Link className="button" href={href(page - 1)} rel="prev">
                Previous
              </Link>
            ) : (
              <span className="button" aria-disabled="true">
                Previous
              </span>
            )}
          </li>
          {pageWindow(page, count).map((item, i) =>
            item === 'gap' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity but their place.
              <li key={`gap-${i}`} className={styles.gap} aria-hidden="true">
                …
              </li>
            ) : (
              <li key={item} className={styles.pageNumber}>
                <Link
                  className={item === page ? 'button button-primary' : 'button'}
                  href={href(item)}
                  aria-label={`Page ${item}`}
                  aria-current={item === page ? 'page' : undefined}
                >
                  {item}
                </Link>
              </li>
            ),
          )}
          <li>
            {page < count ? (
              <Link className="button" href={href(page + 1)} rel="next">
                Next
              </Link>
            ) : (
              <span className="button" aria-disabled="true">
                Next
              </span>
            )}
          </li>
        </ul>
      )}
    </nav>
  );
}
