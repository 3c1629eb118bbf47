/**
 * A synchronous NDJSON file writer: one JSON value per line, buffered in blocks of about 64 KB and written
 * with writeSync. Synchronous on purpose: a replication runs to completion without yielding to the event
 * loop, so an async stream would hold every line in memory until the end; here memory stays at one block.
 *
 * The file is written under a temporary name and renamed into place by `commit()`, so a run that fails
 * leaves no half-written trace behind (`abort()` removes the temporary file).
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

const BLOCK = 64 * 1024;

export class NdjsonFileWriter {
  readonly file: string;
  private readonly tmp: string;
  private fd: number | null;
  private parts: string[] = [];
  private size = 0;
  lines = 0;

  /** Opens (creates) the temporary file now; throws the fs error if that is impossible. */
  constructor(file: string) {
    this.file = file;
    this.tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
    this.fd = openSync(this.tmp, 'w');
  }

  write(value: unknown): void {
    if (this.fd === null) throw new Error(`NdjsonFileWriter: ${this.file} is already closed`);
    const line = `${JSON.stringify(value)}\n`;
    this.parts.push(line);
    this.size += line.length;
    this.lines += 1;
    if (this.size >= BLOCK) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  /** Flush, close and move the file into place. */
  commit(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.tmp, this.file);
  }

  /** Close and delete the temporary file (after a failure); the target file is untouched. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already unusable; removing the file is what matters.
      }
      this.fd = null;
    }
    rmSync(this.tmp, { force: true });
  }
}
