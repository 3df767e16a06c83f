/**
 * ZIP files written and read as streams (archiver, yauzl), one entry at a time, each hashed with
 * SHA-256 on the way: nothing holds a whole entry, let alone the whole file, in memory.
 */
import { ZipArchive } from 'archiver';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yauzl from 'yauzl';

export interface WrittenEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export type AddEntry = (path: string, content: AsyncIterable<string | Buffer> | string | Buffer) => Promise<WrittenEntry>;

/** Writes a ZIP: `fill` adds entries one after another; resolves once the file is complete on disk. */
export async function writeZip(file: string, fill: (add: AddEntry) => Promise<void>): Promise<void> {
  const out = createWriteStream(file);
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const failed = new Promise<never>((_, reject) => {
    zip.on('error', reject);
    out.on('error', reject);
  });
  zip.pipe(out);
  const add: AddEntry = async (path, content) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const entry = new PassThrough();
    const stored = new Promise<void>((resolve) => {
      const onEntry = (data: { name: string }) => {
        if (data.name !== path) return;
        zip.off('entry', onEntry);
        resolve();
      };
      zip.on('entry', onEntry);
    });
    zip.append(entry, { name: path });
    const chunks = typeof content === 'string' || Buffer.isBuffer(content) ? [content] : content;
    for await (const chunk of chunks) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(buf);
      bytes += buf.length;
      if (!entry.write(buf)) await new Promise((resolve) => entry.once('drain', resolve));
    }
    entry.end();
    await Promise.race([stored, failed]);
    return { path, sha256: hash.digest('hex'), bytes };
  };
  await Promise.race([fill(add), failed]);
  await Promise.race([zip.finalize(), failed]);
  await finished(out);
}

/** Calls `visit` with each entry's name and content stream, in the order they are stored. */
export async function readZip(file: string, visit: (path: string, content: Readable) => Promise<void>): Promise<void> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      await visit(entry.fileName, await zip.openReadStreamPromise(entry));
    }
  } finally {
    zip.close();
  }
}

/** The SHA-256 and size of a stream, reading it to the end. */
export async function digest(content: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of content) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
