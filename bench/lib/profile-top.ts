/**
 * `node -r @swc-node/register bench/lib/profile-top.ts <file.cpuprofile> [--top 15]`
 *
 * The functions that spent the most self time in a V8 CPU profile, grouped by function name and file (one function
 * appears as many nodes, one per call path), with their share of the busy time (all samples but idle) and, per package,
 * the sum of self time. Garbage collection and native code are listed like functions; `writev` is the socket writes.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function where(url: string): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules !== -1) return path.slice(modules + 'node_modules/'.length);
  const repo = path.search(/\/(apps|libs|bench)\//);
  return repo === -1 ? path : path.slice(repo + 1);
}

/** The npm package (or `app` for the repo's own code, `node` for Node's internals) a file belongs to. */
function packageOf(url: string): string {
  const file = where(url);
  if (file === '') return '(vm)';
  if (file.startsWith('node:')) return 'node';
  if (/^(apps|libs|bench)\//.test(file)) return 'ambidex';
  const parts = file.split('/');
  return parts[0]?.startsWith('@') === true ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

export function summarise(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const sampled = [...selfUs.values()].reduce((a, b) => a + b, 0);
  let idle = 0;
  for (const [id, us] of selfUs) if (byId.get(id)?.callFrame.functionName === '(idle)') idle += us;
  const total = sampled - idle;
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined || frame.functionName === '(idle)') continue;
    const key = `${frame.functionName || '(anonymous)'}  ${where(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    pkgs.set(packageOf(frame.url), (pkgs.get(packageOf(frame.url)) ?? 0) + us);
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const ms = (us: number): string => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [
    `${(sampled / 1e6).toFixed(1)} s sampled, ${(total / 1e6).toFixed(1)} s busy (${((100 * total) / sampled).toFixed(0)} %)`,
    '',
    `top ${top} functions by self time, share of busy time:`,
  ];
  for (const [key, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(us)} ${ms(us)}  ${key}`);
  lines.push('', 'self time by package:');
  for (const [key, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(us)} ${ms(us)}  ${key}`);
  return lines.join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: profile-top.ts <file.cpuprofile> [--top 15]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--top');
  const top = at === -1 ? 15 : Number(process.argv[at + 1]);
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top));
}
