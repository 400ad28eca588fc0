/**
 * The one runtime error class. `code` is a closed union so callers can switch on it;
 * messages say what to do next and never contain secrets.
 */
export type ToolsmithErrorCode =
  | 'TOOL_NOT_FOUND'
  | 'TOOLKIT_NOT_FOUND'
  | 'TRIGGER_NOT_FOUND'
  | 'INVALID_ARGUMENTS'
  | 'INVALID_OPTIONS'
  | 'NO_CONNECTED_ACCOUNT'
  | 'CONNECTED_ACCOUNT_NOT_FOUND'
  | 'CONNECTED_ACCOUNT_DISABLED'
  | 'CONNECTED_ACCOUNT_EXPIRED'
  | 'AUTH_CONFIG_NOT_FOUND'
  | 'MISSING_CREDENTIALS'
  | 'OAUTH_STATE_INVALID'
  | 'OAUTH_EXCHANGE_FAILED'
  | 'OAUTH_REFRESH_FAILED'
  | 'REQUEST_TIMEOUT'
  | 'REQUEST_ABORTED'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | 'FILE_REJECTED'
  | 'FILE_TOO_LARGE'
  | 'RESPONSE_TOO_LARGE'
  | 'URL_REJECTED'
  | 'PROXY_HOST_REJECTED'
  | 'CUSTOM_TOOL_INVALID'
  | 'PROVIDER_ERROR'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'WEBHOOK_REPLAY'
  | 'WEBHOOK_PAYLOAD_INVALID'
  | 'WEBHOOK_BODY_TOO_LARGE'
  | 'STORE_ERROR'
  | 'ENCRYPTION_KEY_INVALID';

export class ToolsmithError<Data extends Record<string, unknown> = Record<string, unknown>> extends Error {
  override readonly name = 'ToolsmithError';
  readonly code: ToolsmithErrorCode;
  readonly data: Data;

  constructor(code: ToolsmithErrorCode, message: string, data: Data = {} as Data, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.data = data;
  }

  static is(value: unknown, code?: ToolsmithErrorCode): value is ToolsmithError {
    return value instanceof ToolsmithError && (code === undefined || value.code === code);
  }

  toJSON(): { name: string; code: ToolsmithErrorCode; message: string; data: Data } {
    return { name: this.name, code: this.code, message: this.message, data: this.data };
  }
}
