import { setImmediate as nextTurn } from 'node:timers/promises';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Files deflated between two turns of the event loop: a year of records takes seconds to zip, and the API's other
 * requests must not wait for all of it. (Deflating on the thread pool instead costs more per small file than it saves.)
 */
const FILES_PER_TURN = 256;

/** A file in a ZIP: its path inside the archive (forward slashes) and its bytes. */
export interface ZipFile {
  name: string;
  data: Buffer;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const DEFLATE = 8;
const STORED = 0;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
const VERSION = 45; // 4.5: ZIP64, for archives of more than 65,535 records

/** MS-DOS time and date of a Date (the format has two-second steps and no time zone: UTC is written). */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/**
 * A ZIP archive (PKWARE APPNOTE 6.3) of deflated files, in memory. No zip package is installed and the format is
 * small: local headers, a central directory, and the ZIP64 end records once there are more than 65,535 files.
 */
export async function zipArchive(files: readonly ZipFile[], at: Date = new Date()): Promise<Buffer> {
  const { time, date } = dosDateTime(at);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [i, file] of files.entries()) {
    if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await nextTurn();
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const deflated = deflateRawSync(file.data);
    // A file deflate cannot shrink is stored as it is.
    const method = deflated.length < file.data.length ? DEFLATE : STORED;
    const body = method === DEFLATE ? deflated : file.data;
    if (offset > 0xfffffffe || body.length > 0xfffffffe) throw new Error('ZIP archives over 4 GiB are not written');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(file.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: zero (fill of Buffer.alloc)
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const count = files.length;
  const zip64 = count > 0xffff;
  const tail: Buffer[] = [];
  if (zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(ZIP64_END, 0);
    end64.writeBigUInt64LE(44n, 4); // size of the rest of this record
    end64.writeUInt16LE(VERSION, 12);
    end64.writeUInt16LE(VERSION, 14);
    end64.writeBigUInt64LE(BigInt(count), 24);
    end64.writeBigUInt64LE(BigInt(count), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(ZIP64_LOCATOR, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  tail.push(end);
  return Buffer.concat([...parts, directory, ...tail]);
}

export class ZipFormatError extends Error {}

/**
 * Reads an archive zipArchive wrote (or any plain deflated or stored ZIP without encryption): the verify command
 * reads exports with it. Walks the central directory, checks each file's CRC-32.
 */
export function readZipArchive(zip: Buffer): ZipFile[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || endAt + 22 > zip.length) throw new ZipFormatError('not a ZIP archive: no end of central directory');
  let count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  if (count === 0xffff && endAt >= 20 && zip.readUInt32LE(endAt - 20) === ZIP64_LOCATOR) {
    const end64 = Number(zip.readBigUInt64LE(endAt - 20 + 8));
    if (zip.readUInt32LE(end64) !== ZIP64_END) throw new ZipFormatError('ZIP64 end record missing');
    count = Number(zip.readBigUInt64LE(end64 + 32));
    at = Number(zip.readBigUInt64LE(end64 + 48));
  }
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER)
      throw new ZipFormatError(`central directory entry ${i} is damaged`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipFormatError(`${name}: local header missing`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    let data: Buffer;
    if (method === DEFLATE) data = inflateRawSync(body);
    else if (method === STORED) data = Buffer.from(body);
    else throw new ZipFormatError(`${name}: compression method ${method} is not read`);
    if (crc32(data) !== crc) throw new ZipFormatError(`${name}: CRC-32 does not match its content`);
    files.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
