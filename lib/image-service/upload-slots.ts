/**
 * Upload slots. Uploads being received or validated at once are capped (each holds up to the file size
 * limit in memory), in all and per client, so one client cannot take every slot and block everyone.
 * The client is the connection's own address: browsers send uploads straight to this service, and it
 * has no trusted-proxy setting, so no header can claim another address. IPv6 clients count per /64,
 * since one host usually has a whole /64 to pick addresses from.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import { cfError } from '@/lib/cloudflare-images/errors';
import type { UploadPolicy } from './config';
import { DrainRate } from './drain-rate';

/** The key one client's uploads are counted under. */
export function clientKey(req: IncomingMessage): string {
  const raw = req.socket.remoteAddress ?? '';
  if (!ipaddr.isValid(raw)) return raw;
  const addr = ipaddr.process(raw); // an IPv4-mapped IPv6 address counts as its IPv4 address
  if (addr.kind() === 'ipv4') return addr.toString();
  return `${addr.toNormalizedString().split(':').slice(0, 4).join(':')}::/64`;
}

export class UploadSlots {
  private total = 0;
  private readonly byClient = new Map<string, number>();
  /** Emits 'change' after every slot taken or given back. */
  readonly events = new EventEmitter();
  /** How long an upload holds its slot, measured: Retry-After is when one of the held slots should free. */
  private readonly drain: DrainRate;

  constructor(
    private readonly policy: Pick<UploadPolicy, 'maxActive' | 'perClient'>,
    now: () => number = Date.now,
  ) {
    this.drain = new DrainRate(now, 4000);
  }

  private retryLater(held: number) {
    return { headers: { 'retry-after': String(this.drain.retryAfterSeconds(1, held)) } };
  }

  /** Slots held, by everyone or by one client. */
  active(client?: string): number {
    return client === undefined ? this.total : (this.byClient.get(client) ?? 0);
  }

  /** Takes a slot for `client`, or answers 429 with Retry-After. The returned function gives it back (once). */
  acquire(client: string): () => void {
    const mine = this.active(client);
    if (mine >= this.policy.perClient) {
      throw cfError(5453, `This client already has ${mine} uploads in progress; try again when one has finished.`, {
        ...this.retryLater(mine),
      });
    }
    if (this.total >= this.policy.maxActive) throw cfError(5453, undefined, this.retryLater(this.total));
    this.total++;
    this.byClient.set(client, mine + 1);
    this.events.emit('change');
    let released = false;
    const finished = this.drain.start();
    return () => {
      if (released) return;
      released = true;
      finished();
      this.total--;
      const left = this.active(client) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
      this.events.emit('change');
    };
  }
}
