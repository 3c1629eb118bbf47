/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned, two
 * spaces between columns, no box drawing (the output is read, grepped and pasted into reports).
 */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** Display width of a string: East Asian wide characters (Chinese names) take two cells. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Render rows under their headers; every row must have one cell per column. Trailing spaces are trimmed. */
export function renderTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`renderTable: a row has ${row.length} cells for ${columns.length} columns`);
  }
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!, columns[i]!.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}
