/**
 * PDF output (pdfmake): Roboto, which pdfmake ships as TrueType with Cyrillic, embedded in every
 * document; A4; streamed into the response. Documents are built from our data only: pdfmake may not
 * fetch URLs or read files other than its own fonts.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

export async function pdfStream(doc: TDocumentDefinitions, out: Writable): Promise<void> {
  const stream = (await pdfmake
    .createPdf({
      defaultStyle: { font: 'Roboto', fontSize: 9 },
      footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'right', fontSize: 7, margin: [0, 8, 28, 0] }),
      ...doc,
    })
    .getStream()) as NodeJS.ReadableStream & { end(): void };
  const done = pipeline(stream, out);
  stream.end();
  await done;
}
