/**
 * Encryption at rest for both stores: AES-256-GCM with a random 96-bit IV per value and associated data that binds
 * each ciphertext to the row it belongs to (a ciphertext copied onto another account does not decrypt).
 * The key comes from TOOLSMITH_ENCRYPTION_KEY (32 bytes, base64 or hex) or, for the file store, from a key file
 * created on first use with mode 0600. Errors never include key material.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ToolsmithError } from '../errors.js';

const PREFIX = 'enc:v1:';
const KEY_CHECK_LABEL = 'toolsmith key check v1';

/** Parses a 32-byte key written as base64 (standard or url-safe) or hex; throws ENCRYPTION_KEY_INVALID. */
export function parseEncryptionKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new ToolsmithError('ENCRYPTION_KEY_INVALID',
      `The encryption key from ${source} is not 32 bytes written as base64 (44 characters) or hex (64 characters). ` +
      'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))"');
  }
  return key;
}

/**
 * The key from TOOLSMITH_ENCRYPTION_KEY, else from `keyFile` (created with a fresh random key, mode 0600, when absent
 * and `create` is true).
 */
export async function loadEncryptionKey(options: { env?: NodeJS.ProcessEnv; keyFile?: string; create?: boolean } = {}): Promise<Buffer> {
  const fromEnv = (options.env ?? process.env)['TOOLSMITH_ENCRYPTION_KEY'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseEncryptionKey(fromEnv, 'TOOLSMITH_ENCRYPTION_KEY');
  const keyFile = options.keyFile;
  if (keyFile === undefined) {
    throw new ToolsmithError('ENCRYPTION_KEY_INVALID',
      'No encryption key: set TOOLSMITH_ENCRYPTION_KEY to 32 random bytes in base64 or hex.');
  }
  try {
    return parseEncryptionKey(await readFile(keyFile, 'utf8'), keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || options.create === false) {
      if (error instanceof ToolsmithError) throw error;
      throw new ToolsmithError('ENCRYPTION_KEY_INVALID', `Cannot read the encryption key file ${keyFile}: ${(error as Error).message}`);
    }
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx': when two processes start together, one creates the file and the other reads it.
    const handle = await open(keyFile, 'wx', 0o600);
    try { await handle.writeFile(`${key.toString('base64')}\n`); await handle.sync(); } finally { await handle.close(); }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parseEncryptionKey(await readFile(keyFile, 'utf8'), keyFile);
    throw new ToolsmithError('ENCRYPTION_KEY_INVALID', `Cannot create the encryption key file ${keyFile}: ${(error as Error).message}`);
  }
}

/** Encrypts and decrypts values for one store with one key. */
export class Sealer {
  readonly #key: Buffer;
  /** A value derived from the key, stored beside the data so a wrong key is reported at open, not as garbage. */
  readonly keyCheck: string;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new ToolsmithError('ENCRYPTION_KEY_INVALID', 'The encryption key must be 32 bytes.');
    this.#key = Buffer.from(key);
    this.keyCheck = createHmac('sha256', this.#key).update(KEY_CHECK_LABEL).digest('base64url').slice(0, 22);
  }

  /** Throws ENCRYPTION_KEY_INVALID when `stored` was made with another key. */
  verifyKeyCheck(stored: string, where: string): void {
    if (stored !== this.keyCheck) {
      throw new ToolsmithError('ENCRYPTION_KEY_INVALID',
        `The encryption key does not match the one ${where} was written with. Set TOOLSMITH_ENCRYPTION_KEY to the ` +
        'original key (or restore .toolsmith/encryption.key); secrets cannot be read with another key.');
    }
  }

  /** `enc:v1:<iv>.<tag>.<ciphertext>` (base64url), for a JSON-serializable value. */
  seal(value: unknown, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value) ?? 'null', 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }

  unseal<T = unknown>(sealed: string, context: string): T {
    const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
    if (parts.length !== 3) throw new ToolsmithError('STORE_ERROR', `A stored secret for ${context} is malformed.`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(parts[0] ?? '', 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[1] ?? '', 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(parts[2] ?? '', 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      throw new ToolsmithError('ENCRYPTION_KEY_INVALID',
        `A stored secret for ${context} cannot be decrypted: the encryption key is wrong or the data was altered.`);
    }
  }
}
