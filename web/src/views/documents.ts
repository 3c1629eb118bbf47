/**
 * Scenarios and plans: the lists (built-in first), and a document opened in the YAML editor (a chunk of its
 * own, loaded on first open) with the server's validation at each line, completion from the published
 * schema, and save as a new version (PUT keeps every earlier version; a built-in is saved under a new id).
 */
import { ApiFailure, getJson, getText, send, type ErrorDetail } from '../api.js';
import { announce, fill, h } from '../dom.js';
import { t } from '../i18n.js';
import type { Cleanup } from '../main.js';
import type { JsonSchema } from '../editor/schema-path.js';

type Kind = 'scenario' | 'plan';
const PLURAL: Record<Kind, string> = { scenario: 'scenarios', plan: 'plans' };

interface Summary {
  id: string;
  version: number;
  builtin: boolean;
  title: string | null;
}

const schemas = new Map<Kind, Promise<JsonSchema | null>>();
function schemaOf(kind: Kind): Promise<JsonSchema | null> {
  let s = schemas.get(kind);
  if (s === undefined) {
    s = getJson<JsonSchema>(`/v1/schemas/${kind}`).catch(() => null);
    schemas.set(kind, s);
  }
  return s;
}

export default async function documents(root: HTMLElement, args: string[]): Promise<Cleanup> {
  const [kindArg, idArg] = args;
  const lists = h('div', { class: 'doc-lists' });
  const detail = h('section', { class: 'doc-detail', 'aria-label': 'document' });
  root.append(h('div', { class: 'split' }, lists, detail));
  let destroy: (() => void) | null = null;

  for (const kind of ['scenario', 'plan'] as const) {
    const items = await getJson<{ items: Summary[] }>(`/v1/${PLURAL[kind]}`).then((r) => r.items);
    lists.append(
      h(
        'section',
        { 'aria-labelledby': `h-${kind}` },
        h('h2', { id: `h-${kind}` }, t(kind === 'scenario' ? 'scenarios' : 'plans')),
        h(
          'ul',
          { class: 'doc-list' },
          items.map((it) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: `#/documents/${kind}/${encodeURIComponent(it.id)}`, 'aria-current': kindArg === kind && idArg === it.id ? 'true' : null },
                h('span', { class: 'doc-id' }, it.id),
                ' ',
                h('span', { class: 'muted' }, `v${it.version}${it.builtin ? ` · ${t('builtin')}` : ''}`),
                it.title !== null ? h('div', { class: 'doc-title' }, it.title) : null,
              ),
            ),
          ),
        ),
      ),
    );
  }

  if ((kindArg === 'scenario' || kindArg === 'plan') && idArg !== undefined) {
    destroy = await openDocument(detail, kindArg, idArg);
  } else {
    detail.append(h('p', { class: 'muted' }, t('nothing')));
  }
  return () => destroy?.();
}

async function openDocument(root: HTMLElement, kind: Kind, id: string): Promise<() => void> {
  const base = `/v1/${PLURAL[kind]}`;
  const [meta, source, schema, editorModule] = await Promise.all([
    getJson<Summary>(`${base}/${encodeURIComponent(id)}`),
    getText(`${base}/${encodeURIComponent(id)}?format=source`),
    schemaOf(kind),
    import('../editor/editor.js'),
  ]);
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'doc-status' });
  const problems = h('ol', { class: 'problems', 'aria-label': t('errorsFound') });
  const scenarioInput = h('input', { id: 'check-scenario', placeholder: 'leshan-818-flood', size: 18 });
  const saveId = h('input', { id: 'save-id', value: meta.builtin ? `${id}-copy` : id, size: 24, 'aria-label': t('saveAs') });
  const host = h('div', { class: 'editor-host' });
  const validateText = async (text: string): Promise<ErrorDetail[]> => {
    const q = kind === 'plan' && scenarioInput.value.trim() !== '' ? `?scenario=${encodeURIComponent(scenarioInput.value.trim())}` : '';
    const r = await send<{ valid: boolean; errors: ErrorDetail[] }>('POST', `${base}/validate${q}`, { text, type: 'application/yaml' });
    listProblems(r.errors);
    return r.errors;
  };
  const listProblems = (errors: readonly ErrorDetail[]): void => {
    fill(
      problems,
      errors.map((e) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', onclick: () => goTo(e.line ?? 1) },
            `${t('line')} ${e.line ?? '?'}${e.column !== undefined ? `:${e.column}` : ''}`,
          ),
          ` ${e.path} — ${e.message}`,
        ),
      ),
    );
    status.textContent = errors.length === 0 ? t('valid') : `${errors.length} ${t('errorsFound')}`;
    status.className = errors.length === 0 ? 'status ok' : 'status bad';
  };
  const editor = editorModule.createEditor({ parent: host, text: source, schema, label: `${kind} ${id} (YAML)`, validate: validateText });
  const goTo = (line: number): void => {
    const l = editor.view.state.doc.line(Math.min(Math.max(1, line), editor.view.state.doc.lines));
    editor.view.dispatch({ selection: { anchor: l.from }, scrollIntoView: true });
    editor.view.focus();
  };
  const save = async (): Promise<void> => {
    const target = saveId.value.trim();
    try {
      const text = editor.text();
      const r = await send<{ id: string; version: number }>('PUT', `${base}/${encodeURIComponent(target)}`, { text, type: 'application/yaml' });
      status.textContent = `${t('saved')} ${r.version} (${r.id})`;
      status.className = 'status ok';
      announce(status.textContent);
      if (r.id !== id) location.hash = `#/documents/${kind}/${encodeURIComponent(r.id)}`;
    } catch (err) {
      if (err instanceof ApiFailure) {
        editor.showProblems(err.details);
        listProblems(err.details);
        status.textContent = err.message;
        status.className = 'status bad';
      } else throw err;
    }
  };
  fill(
    root,
    h('h2', {}, `${kind === 'scenario' ? t('scenario') : t('plan')}: ${id}`, ' ', h('span', { class: 'muted' }, `${t('version')} ${meta.version}`)),
    meta.title !== null ? h('p', {}, meta.title) : null,
    meta.builtin ? h('p', { class: 'note' }, t('readOnlyBuiltin')) : null,
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', id: 'validate', onclick: () => editor.check() }, t('validate')),
      kind === 'plan' ? [h('label', { for: 'check-scenario' }, t('checkAgainst')), scenarioInput] : null,
      h('label', { for: 'save-id' }, 'id'),
      saveId,
      h('button', { type: 'button', id: 'save', onclick: () => void save() }, t('saveVersion')),
    ),
    status,
    host,
    problems,
  );
  return () => editor.destroy();
}
