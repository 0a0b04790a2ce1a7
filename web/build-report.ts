import { brotliCompressSync, gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Two build steps of our own:
 * - reports the JavaScript the browser loads to show the workbench (the entry chunk and every chunk
 *   it imports statically; lazily loaded pages and dialogs are not counted), gzipped, and writes it
 *   to dist/web/bundle-report.json;
 * - writes .gz and .br copies of every text asset, which the server sends to browsers that accept
 *   them (@fastify/static `preCompressed`), so nothing is compressed per request.
 */
export function buildReport(): Plugin {
  let outDir = '';
  return {
    name: 'casedesk-build-report',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!entry) return;
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const needed = new Set<string>();
      const visit = (fileName: string) => {
        if (needed.has(fileName)) return;
        needed.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      const files = [...needed].map((fileName) => {
        const code = byName.get(fileName)?.code ?? '';
        return {
          file: fileName,
          bytes: Buffer.byteLength(code),
          gzipBytes: gzipSync(code, { level: 9 }).length,
        };
      });
      const gzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
      const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
      this.emitFile({
        type: 'asset',
        fileName: 'bundle-report.json',
        source: JSON.stringify({ workbench: { gzipBytes, bytes, files } }, null, 2),
      });
      this.info(
        `the workbench route loads ${files.length} JavaScript file(s): ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzipped (budget 300 KB)`,
      );
    },
    closeBundle() {
      const compress = (dir: string) => {
        for (const item of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, item.name);
          if (item.isDirectory()) compress(path);
          else if (/\.(js|css|html|svg|json)$/.test(item.name)) {
            const content = readFileSync(path);
            writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
            writeFileSync(`${path}.br`, brotliCompressSync(content));
          }
        }
      };
      if (outDir) compress(outDir);
    },
  };
}
