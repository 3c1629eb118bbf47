/**
 * OpenStreetMap sources as a stream of plain entities: XML (`.osm`, also gzip or bzip2 compressed) through
 * saxes, a maintained streaming XML parser, and PBF (`.osm.pbf`) through osm-pbf-parser. Files are read in
 * chunks, so memory follows what the importer keeps (the road graph), not the file. XML entities carry
 * their line for located messages; PBF has no lines, so its messages name the element only.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import parseOsmPbf from 'osm-pbf-parser';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unbzip2 from 'unbzip2-stream';
import { InputError, type InputIssue } from '../errors.js';

export interface OsmNodeEntity {
  type: 'node';
  id: string;
  /** As written; the importer checks them (a bad coordinate is an error there, with its line). */
  lat: number;
  lon: number;
  tags: Record<string, string>;
  line?: number;
  /** An attribute missing or unreadable in the source (XML only). */
  problem?: string;
}

export interface OsmWayEntity {
  type: 'way';
  id: string;
  refs: string[];
  tags: Record<string, string>;
  line?: number;
  /** Line of each <nd> (XML only). */
  refLines?: number[];
}

export interface OsmRelationEntity {
  type: 'relation';
  id: string;
  members: Array<{ type: 'node' | 'way' | 'relation'; ref: string; role: string }>;
  tags: Record<string, string>;
  line?: number;
}

export type OsmEntity = OsmNodeEntity | OsmWayEntity | OsmRelationEntity;

export type OsmFormat = 'pbf' | 'xml' | 'xml.gz' | 'xml.bz2';

/** The format a file name says, or undefined. */
export function osmFormatOf(file: string): OsmFormat | undefined {
  const f = file.toLowerCase();
  if (f.endsWith('.osm.pbf') || f.endsWith('.pbf')) return 'pbf';
  if (f.endsWith('.osm.gz')) return 'xml.gz';
  if (f.endsWith('.osm.bz2')) return 'xml.bz2';
  if (f.endsWith('.osm') || f.endsWith('.xml')) return 'xml';
  return undefined;
}

/**
 * An XML reader fed chunk by chunk (or once, with a whole string): saxes calls back per tag, entities are
 * assembled from <node>, <way>, <relation> and their <tag>, <nd> and <member> children and handed to
 * `emit`. Well-formedness errors throw InputError with file, line and column.
 */
export class OsmXmlReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private depth = 0;
  private current: OsmEntity | undefined;
  private rootSeen = false;
  /** Open elements and their lines, to say where the element a syntax error breaks was opened. */
  private readonly openElements: Array<{ name: string; line: number }> = [];

  constructor(
    private readonly emit: (entity: OsmEntity) => void,
    private readonly file?: string,
  ) {
    const p = this.parser;
    p.on('error', (err: Error) => {
      // saxes prefixes "file:line:column: " only when given a file name; it is given none, so the message
      // is the bare description.
      const inside = this.openElements[this.openElements.length - 1];
      const where = inside !== undefined ? ` (inside <${inside.name}> opened at line ${inside.line})` : '';
      throw this.error(p.line, p.column + 1, `invalid XML: ${err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')}${where}`);
    });
    p.on('opentag', (tag: SaxesTagPlain) => this.open(tag));
    p.on('closetag', () => this.close());
  }

  private error(line: number, column: number, message: string): InputError {
    const issue: InputIssue = { path: '', message, line, column };
    if (this.file !== undefined) issue.file = this.file;
    return new InputError([issue]);
  }

  private open(tag: SaxesTagPlain): void {
    this.depth++;
    const a = tag.attributes;
    const line = this.parser.line;
    this.openElements.push({ name: tag.name, line });
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.name !== 'osm') throw this.error(line, 1, `not an OpenStreetMap file: the root element is <${tag.name}>, expected <osm>`);
    } else if (this.depth === 2) {
      this.current = undefined;
      // JOSM marks deleted objects with action="delete"; visible="false" is a deleted version.
      if (a['action'] === 'delete' || a['visible'] === 'false') return;
      const id = a['id'] ?? '';
      if (tag.name === 'node') {
        const node: OsmNodeEntity = { type: 'node', id, lat: Number(a['lat']), lon: Number(a['lon']), tags: {}, line };
        if (id === '') node.problem = 'node without an id attribute';
        else if (a['lat'] === undefined || a['lon'] === undefined) node.problem = `node ${id}: missing lat or lon attribute`;
        else if (!Number.isFinite(node.lat) || Math.abs(node.lat) > 90) node.problem = `node ${id}: latitude ${a['lat']} is not a number in [-90, 90]`;
        else if (!Number.isFinite(node.lon) || Math.abs(node.lon) > 180) node.problem = `node ${id}: longitude ${a['lon']} is not a number in [-180, 180]`;
        this.current = node;
      } else if (tag.name === 'way') {
        this.current = { type: 'way', id, refs: [], refLines: [], tags: {}, line };
      } else if (tag.name === 'relation') {
        this.current = { type: 'relation', id, members: [], tags: {}, line };
      }
    } else if (this.depth === 3 && this.current !== undefined) {
      const c = this.current;
      if (tag.name === 'tag') {
        const k = a['k'];
        const v = a['v'];
        if (k === undefined || v === undefined) throw this.error(line, 1, '<tag> needs both k and v attributes');
        c.tags[k] = v;
      } else if (tag.name === 'nd' && c.type === 'way') {
        const ref = a['ref'];
        if (ref === undefined || ref === '') throw this.error(line, 1, `way ${c.id}: <nd> without a ref attribute`);
        c.refs.push(ref);
        c.refLines!.push(line);
      } else if (tag.name === 'member' && c.type === 'relation') {
        const type = a['type'];
        const kind = type === 'node' ? 'node' : type === 'way' ? 'way' : type === 'relation' ? 'relation' : undefined;
        if (kind !== undefined && a['ref'] !== undefined) c.members.push({ type: kind, ref: a['ref'], role: a['role'] ?? '' });
      }
    }
  }

  private close(): void {
    this.openElements.pop();
    if (this.depth === 2 && this.current !== undefined) {
      this.emit(this.current);
      this.current = undefined;
    }
    this.depth--;
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
    if (!this.rootSeen) throw this.error(1, 1, 'not an OpenStreetMap file: no <osm> element');
  }
}

/** Read a whole XML text (tests, small inputs) synchronously. */
export function readOsmXmlText(text: string, emit: (e: OsmEntity) => void, file?: string): void {
  const r = new OsmXmlReader(emit, file);
  r.write(text);
  r.end();
}

interface PbfItem {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  tags?: Record<string, string>;
  refs?: number[];
  members?: Array<{ type: 'node' | 'way' | 'relation'; id: number; role: string }>;
}

function fromPbf(item: PbfItem): OsmEntity | undefined {
  const id = String(item.id);
  const tags = item.tags ?? {};
  if (item.type === 'node') return { type: 'node', id, lat: item.lat ?? Number.NaN, lon: item.lon ?? Number.NaN, tags };
  if (item.type === 'way') return { type: 'way', id, refs: (item.refs ?? []).map(String), tags };
  if (item.type === 'relation') return { type: 'relation', id, members: (item.members ?? []).map((m) => ({ type: m.type, ref: String(m.id), role: m.role })), tags };
  return undefined;
}

function readError(file: string, err: unknown, what: string): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const message =
    code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory; expected an OpenStreetMap file' : code !== undefined && /^E[A-Z]+$/.test(code) ? `cannot read the file (${code})` : `${what}: ${(err as Error).message}`;
  return new InputError([{ path: '', file, message, severity: 'error' }]);
}

/**
 * A PBF file starts with a blob header (a 4-byte big-endian length, then a protobuf message whose field 1 is
 * the string "OSMHeader"; https://wiki.openstreetmap.org/wiki/PBF_Format). osm-pbf-parser reads garbage as
 * an empty file, so the start is checked first.
 */
function checkPbfHeader(file: string): void {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(16);
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw readError(file, err, 'cannot read the file');
  }
  const length = head.readUInt32BE(0);
  if (!(length > 0 && length < 64 * 1024 && head[4] === 0x0a && head[5] === 9 && head.toString('latin1', 6, 15) === 'OSMHeader')) {
    throw new InputError([{ path: '', file, message: 'not an OSM PBF file: it does not start with an OSMHeader block', severity: 'error' }]);
  }
}

/**
 * Stream the entities of an OSM file to `emit`, in file order (OSM files hold nodes, then ways, then
 * relations). Rejects with InputError for unreadable files, corrupt compression or PBF, and bad XML.
 */
export async function readOsmFile(file: string, format: OsmFormat, emit: (e: OsmEntity) => void): Promise<void> {
  if (format === 'pbf') checkPbfHeader(file);
  const source = createReadStream(file);
  if (format === 'pbf') {
    const parser = parseOsmPbf();
    await new Promise<void>((resolve, reject) => {
      source.on('error', (err) => reject(readError(file, err, 'cannot read the file')));
      parser.on('error', (err: Error) => reject(readError(file, err, 'not a readable OSM PBF file')));
      parser.on('data', (items: PbfItem[]) => {
        for (const item of items) {
          const e = fromPbf(item);
          if (e !== undefined) emit(e);
        }
      });
      parser.on('end', () => resolve());
      source.pipe(parser);
    });
    return;
  }
  let stream: Readable = source;
  if (format === 'xml.gz') stream = source.pipe(createGunzip());
  // unbzip2-stream is an old-style stream: wrap it for async iteration.
  else if (format === 'xml.bz2') stream = new Readable().wrap(source.pipe(unbzip2()));
  const reader = new OsmXmlReader(emit, file);
  const failures: InputError[] = [];
  const fail = (err: unknown, what: string): void => {
    failures.push(readError(file, err, what));
  };
  source.on('error', (err) => fail(err, 'cannot read the file'));
  if (stream !== source) {
    stream.on('error', (err) => {
      // unbzip2-stream's errors on corrupt input are internal TypeErrors: name the problem instead.
      const corrupt = format === 'xml.bz2' ? new Error('corrupt or truncated data') : err;
      fail(corrupt, `not a readable ${format === 'xml.gz' ? 'gzip' : 'bzip2'} file`);
    });
  }
  // A multi-byte character may straddle two chunks: the decoder holds its first bytes back.
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) reader.write(decoder.write(chunk as Buffer));
    reader.write(decoder.end());
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw failures[0] ?? readError(file, err, 'cannot read the file');
  }
  if (failures.length > 0) throw failures[0]!;
  reader.end();
}
