/**
 * A separate OS process for the multi-process file store test: increments a counter in an account's credentials
 * under withAccountLock, and claims ticket records with putIfAbsent. argv: dir accountId iterations workerName.
 */
import { createFileStore } from '../../../runtime/store/file-store.js';

const [dir, accountId, iterations, worker] = process.argv.slice(2);
const store = await createFileStore({ dir: dir!, encryptionKey: Buffer.from(process.env['TEST_STORE_KEY']!, 'hex') });
let claimed = 0;
for (let i = 0; i < Number(iterations); i += 1) {
  await store.withAccountLock(accountId!, async (fresh) => {
    const next = String(Number(fresh.credentials['counter'] ?? '0') + 1);
    await store.accounts.update(accountId!, { credentials: { ...fresh.credentials, counter: next } });
  });
  if (await store.records.putIfAbsent('tickets', `t${i}`, { worker })) claimed += 1;
}
await store.close();
process.stdout.write(JSON.stringify({ worker, claimed }));
