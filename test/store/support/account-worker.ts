/**
 * A separate OS process that changes one account in a file store directory, for the credential cache tests.
 * argv: dir accountId action (update <api_key> | disable | delete). The key comes from TEST_STORE_KEY (hex).
 */
import { createFileStore } from '../../../runtime/store/file-store.js';

const [dir, accountId, action, value] = process.argv.slice(2);
const store = await createFileStore({ dir: dir!, encryptionKey: Buffer.from(process.env['TEST_STORE_KEY']!, 'hex') });
if (action === 'update') await store.accounts.update(accountId!, { credentials: { api_key: value! } });
else if (action === 'disable') await store.accounts.update(accountId!, { status: 'INACTIVE' });
else if (action === 'delete') await store.accounts.delete(accountId!);
else throw new Error(`unknown action ${action}`);
await store.close();
