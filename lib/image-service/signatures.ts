/**
 * Signature checks for delivery. A URL whose signature matched is remembered (until the keys change),
 * so a popular signed URL costs one HMAC, not one per request; its expiry is still checked each time.
 */
import { type SignatureCheck, verifySignature } from '@/lib/cloudflare-images/signing';
import type { SigningKeys } from './keys';

export class SignatureChecker {
  private readonly verified = new Map<string, number | null>();
  private keysVersion = -1;

  constructor(private readonly keys: SigningKeys) {}

  /** `path` without and `rawPath` with any `/cdn-cgi/imagedelivery` prefix: either may have been signed. */
  check(path: string, rawPath: string, rawQuery: string, nowSeconds: number): SignatureCheck {
    if (this.keysVersion !== this.keys.version) {
      this.verified.clear();
      this.keysVersion = this.keys.version;
    }
    const key = `${rawPath}?${rawQuery}`;
    const exp = this.verified.get(key);
    if (exp !== undefined)
      return exp === null || exp > nowSeconds ? { ok: true, exp } : { ok: false, reason: 'expired' };
    const keys = this.keys.values();
    let check = verifySignature(path, rawQuery, keys, nowSeconds);
    if (!check.ok && path !== rawPath) check = verifySignature(rawPath, rawQuery, keys, nowSeconds);
    if (check.ok) {
      if (this.verified.size >= 20_000) this.verified.clear();
      this.verified.set(key, check.exp);
    }
    return check;
  }
}
