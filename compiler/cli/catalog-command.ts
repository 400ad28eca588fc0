/**
 * `toolsmith catalog [--out DIR] [--catalog FILE]`: build the static catalog site from catalog.json.
 * `toolsmith catalog diff OLD NEW [--allow-breaking] [--json]`: added and removed tools and breaking
 * input changes between two catalogs; exit 1 on a breaking change unless it is allowed.
 */
import type { Command } from 'commander';
import { setExitCode } from './exit-code.js';
import { seconds } from './terminal.js';

/** Known problems (missing file, bad JSON, occupied folder) are one line and exit 2, never a stack. */
async function reportKnown(action: () => Promise<void>): Promise<void> {
  // The catalog code loads only when this command runs, so other commands start fast (issue 2).
  const [{ CatalogSiteError }, { CatalogFileError }] = await Promise.all([
    import('../catalog-site/build-site.js'), import('../catalog-site/catalog-file.js'),
  ]);
  try {
    await action();
  } catch (error) {
    if (error instanceof CatalogFileError || error instanceof CatalogSiteError) {
      process.stderr.write(`toolsmith catalog: ${error.message}\n`);
      setExitCode(2);
      return;
    }
    throw error;
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

export function register(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('Build the static catalog site from generated/catalog.json (see also: catalog diff)')
    .option('--catalog <file>', 'catalog to publish', 'generated/catalog.json')
    .option('--out <dir>', 'output folder (created; a previous catalog site there is replaced)', 'site-out')
    .action(async (flags: { catalog: string; out: string }) => {
      await reportKnown(async () => {
        const [{ buildCatalogSite }, { readCatalogFile }] = await Promise.all([
          import('../catalog-site/build-site.js'), import('../catalog-site/catalog-file.js'),
        ]);
        const result = await buildCatalogSite({ catalog: await readCatalogFile(flags.catalog), outDir: flags.out });
        process.stdout.write(`Built the catalog site into ${result.outDir}: ${result.files} files, ${size(result.bytes)} in ${seconds(result.elapsedMs)}. Open ${result.outDir}/index.html.\n`);
      });
    });

  catalog
    .command('diff')
    .description('List added and removed tools and breaking input changes between two catalogs')
    .argument('<old>', 'the published catalog.json')
    .argument('<new>', 'the catalog.json about to be published')
    .option('--allow-breaking', 'exit 0 even when a change breaks existing callers')
    .option('--json', 'print the diff as JSON')
    .action(async (oldFile: string, newFile: string, flags: { allowBreaking?: boolean; json?: boolean }) => {
      await reportKnown(async () => {
        const [{ readCatalogFile }, { diffCatalogs, formatCatalogDiff }] = await Promise.all([
          import('../catalog-site/catalog-file.js'), import('../catalog-site/diff.js'),
        ]);
        const diff = diffCatalogs(await readCatalogFile(oldFile), await readCatalogFile(newFile));
        const allowBreaking = flags.allowBreaking ?? false;
        if (flags.json) process.stdout.write(`${JSON.stringify({ ...diff, ok: diff.breaking.length === 0 || allowBreaking }, null, 2)}\n`);
        else process.stdout.write(formatCatalogDiff(diff, { allowBreaking }));
        setExitCode(diff.breaking.length > 0 && !allowBreaking ? 1 : 0);
      });
    });
}
