import { describe, expect, it } from 'vitest';
import {
  type Figure,
  formatRatio,
  median,
  parseDuration,
  parseWrk,
  percentile,
  ratio,
  renderReport,
  table,
  targetStatus,
} from './report';

const WRK_OUTPUT = `Running 4s test @ http://127.0.0.1:3912/image
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.33us  301.20us  12.01ms   91.00%
    Req/Sec    10.01k   512.00    11.00k    70.00%
  Latency Distribution
     50%  760.00us
     75%    0.90ms
     90%    1.10ms
     99%    2.51ms
  80123 requests in 4.00s, 2.40GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 5
Requests/sec:  20030.75
Transfer/sec:    600.00MB
`;

describe('bench report', () => {
  it('reads wrk output: rate, percentiles in ms, errors', () => {
    expect(parseWrk(WRK_OUTPUT)).toEqual({
      rps: 20030.75,
      p50: 0.76,
      p99: 2.51,
      non2xx: 5,
      socketErrors: 3,
      requests: 80123,
    });
    expect(parseWrk('Requests/sec: 10\n').non2xx).toBe(0);
  });

  it('converts wrk durations to milliseconds', () => {
    expect(parseDuration('812.00us')).toBeCloseTo(0.812);
    expect(parseDuration('2.5ms')).toBe(2.5);
    expect(parseDuration('1.02s')).toBe(1020);
    expect(parseDuration('garbage')).toBeNaN();
  });

  it('computes ratios against the reference and formats them', () => {
    expect(ratio(12_000, 24_000)).toBe(0.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatRatio(Number.NaN)).toBe('–');
  });

  it('says whether a target is met, and by how much it is missed', () => {
    const nginx = { name: 'nginx', value: 20_000 };
    const fast: Figure = {
      name: 's',
      value: 12_000,
      unit: 'req/s',
      reference: nginx,
      target: { ratio: 0.5, label: '≥ 0.5×' },
    };
    expect(targetStatus(fast)).toBe('≥ 0.5×: met');
    expect(targetStatus({ ...fast, value: 8000 })).toBe('≥ 0.5×: **missed** (0.40×)');
    const slower: Figure = {
      name: 't',
      value: 120,
      unit: 'ms',
      lowerIsBetter: true,
      reference: { name: 'raw', value: 100 },
      target: { ratio: 1.15, label: '≤ 1.15×' },
    };
    expect(targetStatus(slower)).toBe('≤ 1.15×: **missed** (1.20×)');
    expect(targetStatus({ name: 'p99', value: 7.5, unit: 'ms', target: { max: 5, label: '≤ 5 ms' } })).toBe(
      '≤ 5 ms: **missed** by 2.50 ms',
    );
    expect(targetStatus({ name: 'p99', value: 4, unit: 'ms', target: { max: 5, label: '≤ 5 ms' } })).toBe(
      '≤ 5 ms: met',
    );
  });

  it('takes nearest-rank percentiles and medians', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it('writes a Markdown table with escaped cells and a report with machine and command', () => {
    expect(table(['a', 'b'], [['x|y', '1']])).toEqual(['| a | b |', '|---|---:|', '| x\\|y | 1 |']);
    const text = renderReport(
      'Benchmarks',
      {
        date: '2026-12-01T00:00:00.000Z',
        host: 'Linux x64',
        cpus: 'CPU',
        cores: 2,
        memoryGb: 24,
        loadBefore: [1, 2, 3],
        versions: { Node: 'v20' },
        command: 'npm run bench',
      },
      [
        {
          title: 'Case',
          lines: ['what ran'],
          figures: [
            { name: 'nginx', value: 20_000, unit: 'req/s' },
            { name: 'service', value: 10_000, unit: 'req/s', reference: { name: 'nginx', value: 20_000 } },
          ],
        },
      ],
    );
    expect(text).toContain('Load average (1, 5, 15 min) before: 1.00, 2.00, 3.00.');
    expect(text).toContain('Command: `npm run bench`');
    expect(text).toContain('| nginx | 20000 req/s | reference | 1.00× |  |');
    expect(text).toContain('| service | 10000 req/s | nginx | 0.50× |  |');
  });
});
