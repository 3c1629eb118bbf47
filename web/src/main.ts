/**
 * The page shell: header (navigation, language, token), a main region per view, a live region for screen
 * readers. Views are chosen by the URL hash (#/documents, #/runs/<batch>, #/map/<batch>/<i>, #/drill/<id>)
 * and loaded on demand, so the first load carries only this shell.
 */
import './style.css';
import { setToken, token } from './api.js';
import { fill, h } from './dom.js';
import { currentLang, setLang, t, type TextKey } from './i18n.js';

export type Cleanup = () => void;
export type View = (root: HTMLElement, args: string[]) => Cleanup | void | Promise<Cleanup | void>;

const VIEWS: Record<string, { label: TextKey; load: () => Promise<{ default: View }> }> = {
  documents: { label: 'navDocuments', load: () => import('./views/documents.js') },
  runs: { label: 'navRuns', load: () => import('./views/runs.js') },
  map: { label: 'navMap', load: () => import('./views/map.js') },
  drill: { label: 'navDrill', load: () => import('./views/drill.js') },
};

const app = document.getElementById('app')!;
let cleanup: Cleanup | void = undefined;
let generation = 0;

function route(): { name: string; args: string[] } {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decodeURIComponent);
  const name = parts[0] !== undefined && parts[0] in VIEWS ? parts[0] : 'documents';
  return { name, args: parts.slice(1) };
}

function shell(active: string): HTMLElement {
  const tokenInput = h('input', { type: 'password', id: 'token', autocomplete: 'off', value: token(), 'aria-describedby': 'token-help', size: 14 });
  tokenInput.addEventListener('change', () => setToken(tokenInput.value.trim()));
  const main = h('main', { id: 'main', tabindex: '-1' });
  const skip = document.querySelector<HTMLAnchorElement>('a.skip');
  if (skip !== null) skip.textContent = t('skip');
  fill(
    app,
    h(
      'header',
      { class: 'top' },
      h('h1', {}, t('title')),
      h(
        'nav',
        { 'aria-label': 'main' },
        h(
          'ul',
          {},
          Object.entries(VIEWS).map(([name, v]) =>
            h('li', {}, h('a', { href: `#/${name}`, 'aria-current': name === active ? 'page' : null, class: name === active ? 'active' : null }, t(v.label))),
          ),
        ),
      ),
      h(
        'div',
        { class: 'settings' },
        h('label', { for: 'token' }, t('token')),
        tokenInput,
        h('span', { id: 'token-help', class: 'sr-only' }, t('tokenHelp')),
        h(
          'button',
          {
            type: 'button',
            id: 'lang',
            'aria-label': t('languageLabel'),
            onclick: () => {
              setLang(currentLang() === 'en' ? 'zh' : 'en');
              void show();
            },
          },
          t('language'),
        ),
      ),
    ),
    main,
    h('div', { id: 'live', class: 'sr-only', 'aria-live': 'polite', role: 'status' }),
  );
  return main;
}

async function show(): Promise<void> {
  const my = ++generation;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const { name, args } = route();
  document.title = `drillsim · ${t(VIEWS[name]!.label)}`;
  const main = shell(name);
  main.append(h('p', { class: 'muted' }, t('loading')));
  const view = (await VIEWS[name]!.load()).default;
  if (my !== generation) return;
  main.replaceChildren();
  const done = await view(main, args);
  if (my !== generation) {
    if (typeof done === 'function') done();
    return;
  }
  cleanup = done;
}

setLang(currentLang());
window.addEventListener('hashchange', () => {
  void show().then(() => document.getElementById('main')?.focus());
});
void show();
