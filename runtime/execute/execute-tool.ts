/**
 * The executor: validate arguments → build the request → inject credentials → send (timeout, retries) →
 * normalize. A 401 on an account that can refresh triggers one refresh and one resend.
 */
import { randomBytes } from 'node:crypto';
import type { AuthScheme, CompiledTool, CompiledToolkit } from '../types.js';
import type { ConnectedAccountRecord } from '../store/types.js';
import type { ToolExecuteResult } from './types.js';
import { ToolsmithError, type ToolsmithErrorCode } from '../errors.js';
import { injectCredentials, schemeFor, type InjectedCredentials } from '../auth/inject.js';
import { resolveUpload, type UploadOptions } from '../files/upload.js';
import type { DownloadOptions } from '../files/download.js';
import { saveFileField } from '../files/save-field.js';
import { buildRequest, type BuiltRequest } from './build-request.js';
import type { FileResolver } from './body.js';
import { isIdempotentMethod, requestFailure, sendRequest, type RetryOptions } from './send.js';
import { CallDeadline } from './deadline.js';
import { discardBody, type Transport } from './transport.js';
import { failureResult, httpErrorMessage, readBody, successResult } from './result.js';
import { parseArguments, validateArguments } from './validate.js';

export interface ExecutorConfig {
  /** node:http(s) by default; a caller's own fetch through fetchTransport. */
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly retry?: RetryOptions;
  readonly files: UploadOptions & DownloadOptions;
}

/** Refreshes an account's credentials (engineer F's `resolveCredentials(…, { forceRefresh: true })`). */
export type RefreshAccount = (account: ConnectedAccountRecord) => Promise<ConnectedAccountRecord>;

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly logId?: string;
}

/** Errors a model can act on come back as `{ successful: false }`; the rest (configuration, abort) are thrown. */
const RESULT_CODES = new Set<ToolsmithErrorCode>([
  'INVALID_ARGUMENTS', 'FILE_REJECTED', 'FILE_TOO_LARGE', 'RESPONSE_TOO_LARGE', 'URL_REJECTED', 'REQUEST_TIMEOUT', 'NETWORK_ERROR',
]);

// A random per-process prefix and a counter: unique across processes, and cheaper than a UUID per call.
const LOG_PREFIX = randomBytes(6).toString('hex');
let logCounter = 0;
export function newLogId(): string {
  logCounter = (logCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `log_${LOG_PREFIX}${logCounter.toString(36).padStart(6, '0')}`;
}

interface HttpCall {
  readonly toolkit: CompiledToolkit;
  readonly account: ConnectedAccountRecord | undefined;
  readonly refresh: RefreshAccount | undefined;
  build(account: ConnectedAccountRecord | undefined): BuiltRequest | Promise<BuiltRequest>;
  readonly label: string;
  readonly idempotent: boolean;
  readonly responseKind: CompiledTool['request']['response']['kind'];
  /** A JSON field holding the file's bytes, saved when the call succeeds. */
  readonly fileField?: CompiledTool['request']['response']['fileField'] | undefined;
}

/** Sends a built request with the account's credentials; shared by tools and proxy calls. */
export async function runHttpCall(config: ExecutorConfig, call: HttpCall, options: CallOptions): Promise<ToolExecuteResult> {
  const logId = options.logId ?? newLogId();
  // One deadline for every attempt and the body read.
  const deadline = new CallDeadline(options.timeoutMs ?? config.timeoutMs, options.signal);
  try {
    let account = call.account;
    let refreshed = false;
    for (;;) {
      const request = await call.build(account);
      const { response } = await sendRequest(request, {
        transport: config.transport,
        timeoutMs: deadline.timeoutMs,
        deadline,
        retry: config.retry,
        idempotent: call.idempotent,
        label: call.label,
        credentialHeaders: account ? credentialHeaderNames(schemeFor(call.toolkit, account)) : NO_NAMES,
      });
      if (response.status === 401 && account && call.refresh && !refreshed && account.scheme === 'oauth2') {
        await discardBody(response);
        account = await call.refresh(account);
        refreshed = true;
        continue;
      }
      let data: unknown;
      try {
        data = await readBody(response, call.responseKind, config.files);
      } catch (error) {
        throw requestFailure(error, deadline, call.label, true);
      }
      if (response.ok && call.fileField) return successResult(await saveFileField(data, call.fileField, config.files), response.status, logId);
      if (response.ok) return successResult(data, response.status, logId);
      return failureResult(httpErrorMessage(response.status, response.statusText, call.label, data), logId, response.status, data);
    }
  } catch (error) {
    if (error instanceof ToolsmithError && RESULT_CODES.has(error.code)) return failureResult(error.message, logId);
    throw error;
  } finally {
    deadline.clear();
  }
}

const NO_NAMES: readonly string[] = [];
const headerNames = new WeakMap<AuthScheme, readonly string[]>();
/** The header names a scheme puts credentials in (dropped on a cross-origin redirect), once per scheme. */
function credentialHeaderNames(scheme: AuthScheme): readonly string[] {
  let names = headerNames.get(scheme);
  if (names === undefined) headerNames.set(scheme, (names = scheme.inject.filter((rule) => rule.in === 'header').map((rule) => rule.name)));
  return names;
}

/** Per tool, worked out once: its label in errors, whether a resend is safe, whether any input is a file. */
interface ToolFacts { readonly label: string; readonly idempotent: boolean; readonly hasFiles: boolean }
const toolFacts = new WeakMap<CompiledTool, ToolFacts>();
function factsOf(tool: CompiledTool): ToolFacts {
  let facts = toolFacts.get(tool);
  if (facts === undefined) {
    facts = {
      label: `${tool.slug} (${tool.request.method} ${tool.request.path})`,
      idempotent: tool.hints.idempotent || isIdempotentMethod(tool.request.method),
      hasFiles: tool.inputs.some((input) => input.file),
    };
    toolFacts.set(tool, facts);
  }
  return facts;
}

const fileResolvers = new WeakMap<ExecutorConfig['files'], FileResolver>();
/** One upload resolver per files configuration, not a new closure per call. */
function fileResolverFor(files: ExecutorConfig['files']): FileResolver {
  let resolver = fileResolvers.get(files);
  if (resolver === undefined) fileResolvers.set(files, (resolver = (value, field) => resolveUpload(value, field, files)));
  return resolver;
}

/** Swaps Buffer/Blob file values for a placeholder so a string-typed file field validates, then restores them. */
function withFilePlaceholders(tool: CompiledTool, args: Record<string, unknown>): { checked: Record<string, unknown>; restore: (value: Record<string, unknown>) => Record<string, unknown> } | undefined {
  if (!factsOf(tool).hasFiles) return undefined;
  const binary = tool.inputs.filter((input) => input.file && (args[input.name] instanceof Blob || args[input.name] instanceof Uint8Array));
  if (binary.length === 0) return undefined;
  const checked = { ...args };
  for (const input of binary) checked[input.name] = 'upload';
  return {
    checked,
    restore: (value) => {
      const restored = { ...value };
      for (const input of binary) restored[input.name] = args[input.name];
      return restored;
    },
  };
}

export interface ToolCall {
  readonly toolkit: CompiledToolkit;
  readonly tool: CompiledTool;
  readonly account?: ConnectedAccountRecord;
  readonly refresh?: RefreshAccount;
  /** Caller-supplied credentials used instead of an account (custom auth params): sent as given, not templated. */
  readonly customAuth?: InjectedCredentials;
}

/** Executes one compiled tool. `rawArguments` is an object or a JSON string. */
export async function executeTool(config: ExecutorConfig, call: ToolCall, rawArguments: unknown, options: CallOptions = {}): Promise<ToolExecuteResult> {
  const logId = options.logId ?? newLogId();
  const parsed = parseArguments(rawArguments);
  if (!parsed.ok) return failureResult(`Invalid arguments for ${call.tool.slug}: ${parsed.error}`, logId);
  const files = withFilePlaceholders(call.tool, parsed.value);
  const checked = validateArguments(call.tool, files ? files.checked : parsed.value);
  if (!checked.ok) return failureResult(checked.error, logId);
  const args = files ? files.restore(checked.value) : checked.value;
  return runHttpCall(config, new ToolHttpCall(call, args, fileResolverFor(config.files)), options.logId === logId ? options : { ...options, logId });
}

/** One tool call's request source, as a class so a call costs no closures. */
class ToolHttpCall implements HttpCall {
  readonly toolkit: CompiledToolkit;
  readonly account: ConnectedAccountRecord | undefined;
  readonly refresh: RefreshAccount | undefined;
  readonly label: string;
  readonly idempotent: boolean;
  readonly responseKind: CompiledTool['request']['response']['kind'];
  readonly fileField: CompiledTool['request']['response']['fileField'];

  constructor(private readonly call: ToolCall, private readonly args: Record<string, unknown>, private readonly resolveFile: FileResolver) {
    const facts = factsOf(call.tool);
    this.toolkit = call.toolkit;
    this.account = call.account;
    this.refresh = call.refresh;
    this.label = facts.label;
    this.idempotent = facts.idempotent;
    this.responseKind = call.tool.request.response.kind;
    this.fileField = call.tool.request.response.fileField;
  }

  build(account: ConnectedAccountRecord | undefined): BuiltRequest | Promise<BuiltRequest> {
    const { toolkit, tool, customAuth } = this.call;
    if (customAuth) return buildRequest(toolkit, tool, this.args, undefined, customAuth, this.resolveFile);
    const scheme = account ? schemeFor(toolkit, account) : toolkit.auth.find((candidate) => candidate.scheme === 'none');
    return buildRequest(toolkit, tool, this.args, account, scheme ? injectCredentials(scheme, account) : NO_CREDENTIALS, this.resolveFile);
  }
}

const NO_CREDENTIALS: InjectedCredentials = Object.freeze({ headers: Object.freeze({}), query: Object.freeze([]) as never, cookies: Object.freeze([]) as never });
