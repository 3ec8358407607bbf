import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZipArchive, ZipFormatError, zipArchive } from './zip-archive';

const UNZIP = ['/usr/bin/unzip', '/bin/unzip'].find((p) => existsSync(p));

const files = [
  { name: 'index.json', data: Buffer.from(JSON.stringify({ clauses: ['ISO9001-10.2'] })) },
  { name: 'records/1.json', data: Buffer.from('{"a":' + '1,'.repeat(500) + '1}') },
  { name: 'records/ü-2.json', data: Buffer.from('tiny') },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

/** The archive writer the evidence export uses: what it writes is read back byte for byte, by us and by unzip. */
describe('zipArchive', () => {
  it('round-trips through its own reader', async () => {
    const read = readZipArchive(await zipArchive(files));
    expect(read.map((f) => f.name)).toEqual(files.map((f) => f.name));
    read.forEach((f, i) => expect(f.data.equals(files[i]!.data)).toBe(true));
  });

  it('refuses a damaged archive instead of returning wrong content', async () => {
    const zip = await zipArchive([{ name: 'a.txt', data: Buffer.from('stored as it is') }]);
    const at = zip.indexOf('stored as it is');
    zip.write('X', at);
    expect(() => readZipArchive(zip)).toThrow(ZipFormatError);
    expect(() => readZipArchive(Buffer.from('not a zip'))).toThrow(ZipFormatError);
  });

  it('writes ZIP64 end records past 65,535 files', async () => {
    const many = Array.from({ length: 70_000 }, (_, i) => ({ name: `r/${i}`, data: Buffer.from(String(i)) }));
    const read = readZipArchive(await zipArchive(many));
    expect(read.length).toBe(70_000);
    expect(read[69_999]!.data.toString()).toBe('69999');
  });

  (UNZIP === undefined ? it.skip : it)('is read by unzip (-l lists, -p extracts, -t tests)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
    try {
      const path = join(dir, 'evidence.zip');
      writeFileSync(path, await zipArchive(files));
      const listing = execFileSync(UNZIP!, ['-l', path], { encoding: 'utf8' });
      // unzip prints non-ASCII names in the locale's encoding: the ASCII ones are compared.
      for (const f of files.filter((x) => /^[\x20-\x7e]+$/.test(x.name))) expect(listing).toContain(f.name);
      expect(listing).toContain(`${files.length} files`);
      expect(execFileSync(UNZIP!, ['-p', path, 'records/1.json']).equals(files[1]!.data)).toBe(true);
      expect(execFileSync(UNZIP!, ['-t', path], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
