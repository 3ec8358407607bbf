import { isIP } from 'node:net';

export type Env = Record<string, string | undefined>;

/**
 * How a config section reads its variables. An empty value counts as unset; a bad value is added to `problems` and
 * its fallback returned, so loadConfig reports every bad variable at once. A section's cross-checks push their own.
 */
export interface EnvReader {
  readonly problems: string[];
  string(name: string, fallback: string): string;
  optional(name: string): string | undefined;
  /** An integer within [min, max]. */
  int(name: string, fallback: number, min: number, max: number): number;
  /** true/1/yes or false/0/no. */
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  /** Comma-separated IP addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
  addressList(name: string): string[];
  /** An address, bare or as `Name <address>`: what a From header takes. */
  mailbox(name: string, fallback: string): string;
  /** A URL with one of the protocols (`'https:'`), else undefined. */
  url(name: string, protocols: string[]): string | undefined;
}

/** Collects every problem instead of stopping at the first, so one start shows all bad variables. */
export class CollectingEnvReader implements EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? undefined : raw;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** Comma-separated IP addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal). */
  addressList(name: string): string[] {
    const entries = (this.optional(name) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    for (const entry of entries) {
      if (!isAddressOrRange(entry))
        this.problems.push(`${name} must list IP addresses or CIDR ranges (got "${entry}")`);
    }
    return entries;
  }

  /** An address, bare or as `Name <address>`: what a From header takes. */
  mailbox(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    if (/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(raw.trim())) return raw.trim();
    this.problems.push(`${name} must be an e-mail address, bare or as "Name <address>" (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
  }
}

const ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (ADDRESS_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}
