/**
 * `drillsim token create --role viewer|author|admin [--label text] [--data dir]`: create an API token
 * for `drillsim serve` and print it once on stdout (only its hash is stored). `token list` shows ids,
 * roles and labels; `token revoke <id>` disables one. Works on the data directory directly, so the first
 * admin token can be made before the server ever runs (and while it runs: SQLite in WAL mode).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { commandDescription } from '../commands.js';
import { openDatabase } from '../../http/storage/db.js';
import { isRole, ROLES, TokenStore } from '../../http/storage/tokens.js';
import { CliError, EXIT_BAD_INPUT } from '../exit.js';
import { renderTable } from '../format/table.js';
import { DEFAULT_DATA_DIR } from '../options.js';

function withTokens<T>(dataDir: string, run: (tokens: TokenStore) => T): T {
  const db = openDatabase(resolve(dataDir));
  try {
    return run(new TokenStore(db));
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  const token = program.command('token').description(commandDescription('token'));
  token
    .command('create')
    .description('create a token and print it (shown only once)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}: viewers read, authors write and run, admins manage tokens`)
    .option('--label <text>', 'a note saying who or what the token is for')
    .option('--data <dir>', 'data directory of the server', DEFAULT_DATA_DIR)
    .action((opts: { role: string; label?: string; data: string }) => {
      if (!isRole(opts.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got '${opts.role}'`, EXIT_BAD_INPUT);
      const role = opts.role;
      const created = withTokens(opts.data, (t) => t.create(role, opts.label));
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`token ${created.id} (${created.role}) created; it is shown only now: keep it somewhere safe\n`);
    });
  token
    .command('list')
    .description('list tokens (ids, roles, labels; never the secrets)')
    .option('--data <dir>', 'data directory of the server', DEFAULT_DATA_DIR)
    .option('--json', 'print JSON')
    .action((opts: { data: string; json?: boolean }) => {
      const list = withTokens(opts.data, (t) => t.list());
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        renderTable(
          ['id', 'role', 'label', 'created', 'revoked'].map((header) => ({ header })),
          list.map((t) => [t.id, t.role, t.label ?? '', t.createdAt, t.revokedAt ?? '']),
        ),
      );
    });
  token
    .command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'the token id (the 12 hex digits after dst_)')
    .option('--data <dir>', 'data directory of the server', DEFAULT_DATA_DIR)
    .action((id: string, opts: { data: string }) => {
      if (!withTokens(opts.data, (t) => t.revoke(id))) throw new CliError(`no token '${id}'`, EXIT_BAD_INPUT);
      process.stderr.write(`token ${id} revoked\n`);
    });
}
