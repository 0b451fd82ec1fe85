/**
 * legacy.js, the guard for Office webviews too old for the pane (IE11,
 * EdgeHTML 18), and commands.js, the ribbon's function file: both must be
 * ES5 that runs without eval (the pages' CSP). Checked three ways:
 *   - syntax: esbuild refuses or lowers any ES2015+ syntax for target es5;
 *     what it silently normalises (numeric separators, 0o/0b literals,
 *     trailing commas in calls) is looked for in the text — and every
 *     ES2015+ snippet below is caught, so the check can fail;
 *   - IE11: run in a node:vm context stripped of ES2015+ built-ins, with code
 *     generation from strings off, over a minimal fake page: the controls
 *     hide and the message naming the Office needed shows, Vietnamese, and
 *     English too when the language is not Vietnamese;
 *   - EdgeHTML 18 (ES2015–2017, none of the ES2019/2020 built-ins the bundle
 *     needs): the same message, and each check alone is enough to show it;
 *     in a current engine (node's own built-ins) the page is left untouched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const PANE = path.join(ROOT, 'addin/src/pane');
const LEGACY = readFileSync(path.join(PANE, 'legacy.js'), 'utf8');
const COMMANDS = readFileSync(path.join(PANE, 'commands.js'), 'utf8');

// ---- ES5 syntax ------------------------------------------------------------------

/** Code without comments and string literals (for the text checks). */
function bare(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, ' ')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
}

/** Why `src` is not ES5 (empty when it is). */
async function es5Problems(src: string): Promise<string[]> {
  let es5: string;
  try {
    es5 = (await transform(src, { loader: 'js', target: 'es5', logLevel: 'silent' })).code;
  } catch (e) {
    const errors = (e as { errors?: Array<{ text: string }> }).errors ?? [];
    return errors.length ? errors.map((x) => x.text) : [String(e)];
  }
  const problems: string[] = [];
  // What esbuild can lower (arrows, templates, **, ?., ?? …) it lowers without a word: compare with no lowering.
  const esnext = (await transform(src, { loader: 'js', target: 'esnext', logLevel: 'silent' })).code;
  if (es5 !== esnext) {
    const a = es5.split('\n');
    const b = esnext.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    problems.push(`lowered for es5: ${b[i] ?? ''} → ${a[i] ?? ''}`.trim());
  }
  // What esbuild prints the same for both targets.
  const code = bare(src);
  if (/\b\d[\d_]*_\d/.test(code)) problems.push('numeric separator');
  if (/\b0[bBoO][0-7]/.test(code)) problems.push('binary or octal literal');
  if (/,\s*\)/.test(code)) problems.push('trailing comma in a call or parameter list');
  return problems;
}

const ES2015_PLUS: Record<string, string> = {
  let: 'let a = 1;',
  const: 'const a = 1;',
  arrow: 'var f = function () { return [1].map((x) => x + 1); };',
  class: 'class A {}',
  template: 'var s = `a${1}`;',
  destructuring: 'var { a } = o;',
  spread: 'f(...a);',
  'for-of': 'for (var x of y) {}',
  shorthand: 'var a = 1; var o = { a };',
  method: 'var o = { m() {} };',
  'computed key': 'var o = { [k]: 1 };',
  'default parameter': 'function f(a = 1) {}',
  'rest parameter': 'function f(...a) {}',
  generator: 'function* g() {}',
  async: 'async function f() {}',
  exponent: 'var x = 2 ** 3;',
  'optional chaining': 'var x = a?.b;',
  nullish: 'var x = a ?? b;',
  'regexp u flag': 'var r = /a/u;',
  'object spread': 'var o = { ...p };',
  'optional catch binding': 'try {} catch {}',
  'numeric separator': 'var n = 1_000;',
  'octal literal': 'var n = 0o17;',
  'trailing call comma': 'f(a, b,);',
};

describe('legacy.js and commands.js are ES5', () => {
  it('legacy.js: no ES2015+ syntax', async () => {
    expect(await es5Problems(LEGACY)).toEqual([]);
  });

  it('commands.js: no ES2015+ syntax', async () => {
    expect(await es5Problems(COMMANDS)).toEqual([]);
  });

  it.each(Object.entries(ES2015_PLUS))('the check catches %s', async (_name, snippet) => {
    expect((await es5Problems(snippet)).length).toBeGreaterThan(0);
  });

  it('the check passes plain ES5 (getters, trailing commas in literals, regexps)', async () => {
    expect(await es5Problems("var o = { get a() { return 1; }, b: [1, 2,], }; var r = /x+/gi; o.b.push('1_000, )');")).toEqual([]);
  });
});

// ---- a minimal page --------------------------------------------------------------

class FakeText {
  parentNode: FakeElement | null = null;
  constructor(readonly nodeValue: string) {}
  get textContent(): string {
    return this.nodeValue;
  }
}

class FakeElement {
  id = '';
  className = '';
  style: Record<string, string> = {};
  readonly attributes: Record<string, string> = {};
  readonly childNodes: Array<FakeElement | FakeText> = [];
  parentNode: FakeElement | null = null;
  constructor(readonly tagName: string) {}
  setAttribute(k: string, v: string): void {
    this.attributes[k] = String(v);
  }
  getAttribute(k: string): string | null {
    return this.attributes[k] ?? null;
  }
  appendChild<T extends FakeElement | FakeText>(c: T): T {
    c.parentNode = this;
    this.childNodes.push(c);
    return c;
  }
  insertBefore<T extends FakeElement | FakeText>(c: T, ref: FakeElement | FakeText): T {
    const i = this.childNodes.indexOf(ref);
    if (i < 0) throw new Error('insertBefore: not a child');
    c.parentNode = this;
    this.childNodes.splice(i, 0, c);
    return c;
  }
  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join(' ');
  }
  get children(): FakeElement[] {
    return this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement);
  }
}

function fakePage() {
  const html = new FakeElement('HTML');
  const body = html.appendChild(new FakeElement('BODY'));
  const add = (tag: string, id: string) => {
    const e = body.appendChild(new FakeElement(tag));
    e.id = id;
    return e;
  };
  add('HEADER', 'header');
  const controls = add('MAIN', 'controls');
  controls.appendChild(new FakeElement('BUTTON')).id = 'check';
  add('DIV', 'status');
  add('FOOTER', 'about');
  let created = 0;
  const find = (e: FakeElement, id: string): FakeElement | null => {
    if (e.id === id) return e;
    for (const c of e.children) {
      const f = find(c, id);
      if (f) return f;
    }
    return null;
  };
  const document = {
    documentElement: html,
    body,
    getElementById: (id: string) => find(html, id),
    createElement: (tag: string) => {
      created++;
      return new FakeElement(tag.toUpperCase());
    },
    createTextNode: (t: string) => new FakeText(String(t)),
  };
  return { document, body, created: () => created };
}

// ---- engines ---------------------------------------------------------------------

/** Run in the context before the script: take away what an old engine lacks. */
const STRIP_ES2015 = `
  (function (g) {
    ['Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'WeakRef',
     'FinalizationRegistry', 'AggregateError', 'SharedArrayBuffer', 'Atomics'].forEach(function (k) { delete g[k]; });
    var drop = function (o, keys) { keys.forEach(function (k) { delete o[k]; }); };
    drop(Array, ['from', 'of']);
    drop(Array.prototype, ['find', 'findIndex', 'findLast', 'findLastIndex', 'includes', 'fill', 'copyWithin', 'keys', 'values', 'entries', 'flat', 'flatMap', 'at']);
    drop(String, ['fromCodePoint', 'raw']);
    drop(String.prototype, ['startsWith', 'endsWith', 'includes', 'repeat', 'padStart', 'padEnd', 'matchAll', 'trimStart', 'trimEnd', 'codePointAt', 'normalize', 'at', 'replaceAll']);
    drop(Object, ['assign', 'entries', 'values', 'fromEntries', 'getOwnPropertySymbols', 'getOwnPropertyDescriptors', 'is', 'setPrototypeOf', 'hasOwn']);
    drop(Number, ['isFinite', 'isNaN', 'isInteger', 'isSafeInteger', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER']);
    drop(Math, ['trunc', 'sign', 'cbrt', 'log2', 'log10', 'hypot', 'imul', 'clz32', 'fround', 'expm1', 'log1p', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']);
    var R = g.RegExp;
    g.RegExp = function RegExp(p, f) {
      if (f && /[uys]/.test(f)) throw new SyntaxError('Invalid regular expression flags');
      return new R(p, f);
    };
    delete g.globalThis;
  })(this);
`;

/** EdgeHTML 18: ES2015–2017 (u flag without \\p{…}), none of the ES2019/2020 built-ins. */
const STRIP_ES2019 = `
  (function (g) {
    delete Promise.allSettled;
    delete String.prototype.matchAll;
    delete Object.fromEntries;
    var R = g.RegExp;
    g.RegExp = function RegExp(p, f) {
      if (f && f.indexOf('u') >= 0 && /\\\\[pP]\\{/.test(String(p))) throw new SyntaxError('Invalid escape');
      return new R(p, f);
    };
    delete g.globalThis;
  })(this);
`;

/** One check of legacy.js taken away, alone. */
const ONE_MISSING: Record<string, string> = {
  globalThis: 'delete this.globalThis;',
  'Promise.allSettled': 'delete Promise.allSettled;',
  'String.prototype.matchAll': 'delete String.prototype.matchAll;',
  'Object.fromEntries': 'delete Object.fromEntries;',
  'regexps with \\p{…}': `(function (g) { var R = g.RegExp; g.RegExp = function RegExp(p, f) { if (/\\\\p\\{/.test(String(p))) throw new SyntaxError('Invalid escape'); return new R(p, f); }; })(this);`,
};

function run(script: string, strip: string, navigator: Record<string, string>) {
  const page = fakePage();
  // Code generation from strings off: what the CSP (no 'unsafe-eval') does in the browser.
  const ctx = vm.createContext({ document: page.document, navigator }, { codeGeneration: { strings: false, wasm: false } });
  if (strip) vm.runInContext(strip, ctx);
  vm.runInContext(script, ctx, { filename: 'legacy.js' });
  return { ...page, ctx };
}

const hidden = (page: ReturnType<typeof fakePage>) => ['controls', 'status', 'about'].map((id) => page.document.getElementById(id)!.style.display);

describe('legacy.js on an old engine', () => {
  it('the stripped context really is ES5 (the strip works)', () => {
    const { ctx } = run('', STRIP_ES2015, {});
    expect(vm.runInContext('[typeof Promise, typeof Map, typeof Symbol, typeof globalThis, typeof Array.from, typeof "".startsWith, typeof Object.assign]', ctx)).toEqual(
      Array(7).fill('undefined'),
    );
    expect(() => vm.runInContext("new RegExp('a', 'u')", ctx)).toThrow();
    expect(() => vm.runInContext("new Function('return 1')", ctx)).toThrow(/Code generation from strings disallowed/);
  });

  it('IE11, Vietnamese Windows: the controls give way to the message, in Vietnamese only', () => {
    const page = run(LEGACY, STRIP_ES2015, { userLanguage: 'vi-VN' });
    const box = page.document.getElementById('legacy')!;
    expect(box).not.toBeNull();
    expect(box.getAttribute('role')).toBe('alert');
    expect(page.body.children.map((c) => c.id)).toEqual(['header', 'legacy', 'controls', 'status', 'about']);
    expect(hidden(page)).toEqual(['none', 'none', 'none']);
    expect(box.children.map((c) => c.getAttribute('lang'))).toEqual(['vi']);
    const text = box.textContent;
    expect(text).toContain('Phiên bản Office này chưa chạy được phần bổ trợ');
    for (const office of ['Microsoft 365', 'Office 2021', 'Excel trên web', 'Office 2016 hoặc 2019', 'WebView2', 'Internet Explorer']) expect(text).toContain(office);
  });

  it('IE11, English Windows (navigator.userLanguage): Vietnamese first, then English', () => {
    const page = run(LEGACY, STRIP_ES2015, { userLanguage: 'en-US' });
    const box = page.document.getElementById('legacy')!;
    expect(box.children.map((c) => c.getAttribute('lang'))).toEqual(['vi', 'en']);
    const en = box.children[1]!.textContent;
    expect(en).toContain('This version of Office cannot run the add-in');
    for (const office of ['Microsoft 365', 'Office 2021', 'Excel on the web', 'Office 2016 or 2019 retail', 'WebView2']) expect(en).toContain(office);
  });

  it('EdgeHTML 18, navigator.language "en-US": the same message, both languages', () => {
    const page = run(LEGACY, STRIP_ES2019, { language: 'en-US' });
    expect(hidden(page)).toEqual(['none', 'none', 'none']);
    expect(page.document.getElementById('legacy')!.children.map((c) => c.getAttribute('lang'))).toEqual(['vi', 'en']);
  });

  it('no language known: both languages', () => {
    const page = run(LEGACY, STRIP_ES2015, {});
    expect(page.document.getElementById('legacy')!.children.length).toBe(2);
  });

  it.each(Object.entries(ONE_MISSING))('a current engine without %s alone gets the message', (_name, strip) => {
    const page = run(LEGACY, strip, { language: 'vi' });
    expect(page.document.getElementById('legacy')).not.toBeNull();
    expect(hidden(page)).toEqual(['none', 'none', 'none']);
  });

  it('a current engine (node’s built-ins, no eval either): the page is left untouched', () => {
    const page = run(LEGACY, '', { language: 'en-US' });
    expect(page.document.getElementById('legacy')).toBeNull();
    expect(page.created()).toBe(0);
    expect(hidden(page)).toEqual([undefined, undefined, undefined]);
    expect(page.body.children.map((c) => c.id)).toEqual(['header', 'controls', 'status', 'about']);
  });
});

describe('commands.js on an old engine', () => {
  const office = (withOnReady: boolean) => {
    const calls: unknown[] = [];
    const o: Record<string, unknown> = withOnReady ? { onReady: (f: unknown) => calls.push(f) } : {};
    return { o, calls };
  };

  it('tells Office.js it is ready (onReady, or initialize on an old Office.js), in ES5 without eval', () => {
    for (const withOnReady of [true, false]) {
      const { o, calls } = office(withOnReady);
      const ctx = vm.createContext({ Office: o }, { codeGeneration: { strings: false, wasm: false } });
      vm.runInContext(STRIP_ES2015, ctx);
      vm.runInContext(COMMANDS, ctx);
      if (withOnReady) expect(calls.map((c) => typeof c)).toEqual(['function']);
      else expect(typeof o.initialize).toBe('function');
    }
  });
});
