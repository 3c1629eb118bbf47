/**
 * Request bodies as text. Bodies are read as bytes and decoded strictly: a lenient decoder (what
 * `parseAs: 'string'` does) turns every invalid byte into U+FFFD, and a document would be stored with
 * characters its author never wrote and never hear about it. Invalid UTF-8 is a 400 located at its line,
 * column and byte offset instead, and a declared charset other than UTF-8 is a 415.
 */
import { ApiError, RequestInputError } from './errors.js';

// ignoreBOM keeps a byte-order mark in the text, as the lenient decoder did: the document loader decides.
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, columns in characters) of a byte offset that follows only valid UTF-8. */
function locate(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  // Continuation bytes (10xxxxxx) do not start a character.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column += 1;
  return { line, column };
}

/** The body's text, or a located 400 at the first invalid byte. */
export function decodeUtf8Body(bytes: Uint8Array): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = offset < 0 ? bytes.length : offset;
    const byte = bytes[at];
    const { line, column } = locate(bytes, at);
    throw new RequestInputError('body', [
      {
        path: '',
        message: `the body is not valid UTF-8: ${byte === undefined ? 'it ends inside a character' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}`} (send UTF-8 text)`,
        line,
        column,
      },
    ]);
  }
}

/** Refuse a declared charset other than UTF-8 (or its ASCII subset): the server would misread the text. */
export function checkCharset(contentType: string | undefined): void {
  if (contentType === undefined) return;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  if (m === null) return;
  const charset = m[1]!.toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return;
  throw new ApiError(415, 'unsupported-media-type', `the body must be UTF-8, not ${charset}`, [{ path: '/headers/content-type', message: 'send charset=utf-8 (or no charset)' }]);
}
