/** MIME type from magic bytes first, then the file extension; `application/octet-stream` when unknown. */
const SIGNATURES: Array<{ type: string; bytes: number[]; offset?: number }> = [
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
  { type: 'video/mp4', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 },
  { type: 'audio/wav', bytes: [0x57, 0x41, 0x56, 0x45], offset: 8 },
];

const EXTENSIONS: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', json: 'application/json', txt: 'text/plain',
  csv: 'text/csv', md: 'text/markdown', html: 'text/html', xml: 'application/xml', mp3: 'audio/mpeg', mp4: 'video/mp4',
  wav: 'audio/wav', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', yaml: 'application/yaml', yml: 'application/yaml',
};

export function detectMimeType(head: Uint8Array, fileName?: string): string {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    if (head.length >= offset + signature.bytes.length && signature.bytes.every((byte, index) => head[offset + index] === byte)) {
      return signature.type;
    }
  }
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  return (extension && EXTENSIONS[extension]) || 'application/octet-stream';
}

/** A file extension for a MIME type, for saved downloads without a name. */
export function extensionFor(mimeType: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const found = Object.entries(EXTENSIONS).find(([, type]) => type === base);
  return found ? `.${found[0]}` : '.bin';
}
