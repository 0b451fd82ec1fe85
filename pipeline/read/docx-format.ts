import { legacyFont, type LegacyFont } from './legacy.js';
import { bulletText, formatNumber } from './list-labels.js';
import { child, intVal, isEl, isOn, type El } from './docx-tree.js';

/**
 * Styles and list numbering of a .docx: the pruned trees of styles.xml and
 * numbering.xml in, what they add to the body's text out (list labels,
 * bold from styles, the legacy font of a run).
 */

interface StyleDef {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
  bold: boolean | null;
  /** The font of Latin text (rFonts hAnsi, else ascii): a legacy Vietnamese font tells the text's encoding. */
  font: string | null;
  numStyleTarget: string | null;
}

interface Level {
  start: number;
  fmt: string;
  text: string;
  /** Separator after the number: tab and space read as a space, "nothing" as nothing. */
  suff: string;
  isLgl: boolean;
  pStyle: string | null;
}

interface NumDef {
  abstractId: string;
  overrides: Map<number, { start: number | null; lvl: Level | null }>;
}

/**
 * What styles.xml and numbering.xml define. Never changed once built, so a
 * batch of documents made from one template can share it (see readDocx).
 */
export class FormatDefs {
  readonly styles = new Map<string, StyleDef>();
  readonly defaultPara: string | null = null;
  readonly defaultFont: string | null = null;
  readonly abstracts = new Map<string, { levels: Map<number, Level>; styleLink: string | null }>();
  readonly nums = new Map<string, NumDef>();
  /** Legacy fonts by font name, as found (legacyFont is a handful of regular expressions). */
  private readonly legacy = new Map<string | null, LegacyFont | null>();

  constructor(styles: El | null, numbering: El | null) {
    let defaultPara: string | null = null;
    for (const st of styles?.kids ?? []) {
      if (!isEl(st) || st.tag !== 'style') continue;
      const id = st.attrs['styleId'];
      if (!id) continue;
      const pPr = child(st, 'pPr');
      const numPr = pPr && child(pPr, 'numPr');
      const rPr = child(st, 'rPr');
      const b = rPr && child(rPr, 'b');
      this.styles.set(id, {
        basedOn: child(st, 'basedOn')?.attrs['val'] ?? null,
        numId: (numPr && child(numPr, 'numId')?.attrs['val']) ?? null,
        ilvl: numPr && child(numPr, 'ilvl') ? intVal(child(numPr, 'ilvl'), 0) : null,
        bold: b ? isOn(b) : null,
        font: fontOf(rPr),
        numStyleTarget: null,
      });
      if (st.attrs['type'] === 'paragraph' && /^(1|true|on)$/i.test(st.attrs['default'] ?? '')) defaultPara = id;
    }
    const defaults = styles ? child(styles, 'docDefaults') : undefined;
    const rPrDefault = defaults && child(defaults, 'rPrDefault');
    this.defaultPara = defaultPara;
    this.defaultFont = fontOf(rPrDefault && child(rPrDefault, 'rPr'));
    for (const el of numbering?.kids ?? []) {
      if (!isEl(el)) continue;
      if (el.tag === 'abstractNum' && el.attrs['abstractNumId'] !== undefined) {
        const levels = new Map<number, Level>();
        for (const l of el.kids) if (isEl(l) && l.tag === 'lvl') levels.set(ilvlOf(l), level(l));
        this.abstracts.set(el.attrs['abstractNumId']!, { levels, styleLink: child(el, 'numStyleLink')?.attrs['val'] ?? null });
      } else if (el.tag === 'num' && el.attrs['numId'] !== undefined) {
        const overrides = new Map<number, { start: number | null; lvl: Level | null }>();
        for (const o of el.kids) {
          if (!isEl(o) || o.tag !== 'lvlOverride') continue;
          const so = child(o, 'startOverride');
          const lvl = child(o, 'lvl');
          overrides.set(ilvlOf(o), { start: so ? intVal(so, 1) : null, lvl: lvl ? level(lvl) : null });
        }
        this.nums.set(el.attrs['numId']!, { abstractId: child(el, 'abstractNumId')?.attrs['val'] ?? '', overrides });
      }
    }
  }

  legacyFont(font: string | null): LegacyFont | null {
    let f = this.legacy.get(font);
    if (f === undefined) {
      f = legacyFont(font);
      this.legacy.set(font, f);
    }
    return f;
  }
}

/**
 * What styles.xml and numbering.xml add to the text of one document: the numbers and bullets
 * Word draws for list paragraphs ("1.", "a)", "II.", "-"), which a plan uses
 * for its headings and, often, for the TT column of its appendix; and bold
 * that comes from a paragraph or character style. Counters follow Word:
 * lists sharing an abstract definition continue each other unless a
 * startOverride restarts them, and a level restarts after a higher level.
 */
export class Formatting {
  private readonly styles: ReadonlyMap<string, StyleDef>;
  private readonly defaultPara: string | null;
  private readonly defaultFont: string | null;
  private readonly abstracts: ReadonlyMap<string, { levels: Map<number, Level>; styleLink: string | null }>;
  private readonly nums: ReadonlyMap<string, NumDef>;
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly usedNums = new Set<string>();

  constructor(private readonly defs: FormatDefs) {
    this.styles = defs.styles;
    this.defaultPara = defs.defaultPara;
    this.defaultFont = defs.defaultFont;
    this.abstracts = defs.abstracts;
    this.nums = defs.nums;
  }

  /** A style property, looked up through basedOn. */
  private styleProp<K extends 'numId' | 'ilvl' | 'bold' | 'font'>(id: string | null, key: K): StyleDef[K] | null {
    for (let i = 0; id && i < 20; i++) {
      const st = this.styles.get(id);
      if (!st) return null;
      if (st[key] !== null) return st[key];
      id = st.basedOn;
    }
    return null;
  }

  paragraphStyle(pPr: El | undefined): string | null {
    return (pPr && child(pPr, 'pStyle')?.attrs['val']) ?? this.defaultPara;
  }

  /** Bold of a run: its own w:b, else its character style, else its paragraph style. */
  runBold(rPr: El | undefined, pStyle: string | null): boolean {
    const own = rPr && child(rPr, 'b');
    if (own) return isOn(own);
    const rStyle = rPr && child(rPr, 'rStyle')?.attrs['val'];
    return this.styleProp(rStyle ?? null, 'bold') ?? this.styleProp(pStyle, 'bold') ?? false;
  }

  /** The legacy Vietnamese font (.VnTime, VNI-Times) of a run: its own rFonts, its styles', the document default. */
  runLegacy(rPr: El | undefined, pStyle: string | null): LegacyFont | null {
    const rStyle = rPr && child(rPr, 'rStyle')?.attrs['val'];
    const font =
      fontOf(rPr) ?? this.styleProp(rStyle ?? null, 'font') ?? this.styleProp(pStyle, 'font') ?? this.defaultFont;
    return this.defs.legacyFont(font);
  }

  /** The number or bullet Word draws before this paragraph, advancing the list's counters; null when none. */
  label(pPr: El | undefined): { text: string; bullet: boolean } | null {
    const pStyle = this.paragraphStyle(pPr);
    const numPr = pPr && child(pPr, 'numPr');
    const numId = (numPr && child(numPr, 'numId')?.attrs['val']) ?? this.styleProp(pStyle, 'numId');
    if (!numId || numId === '0') return null;
    const num = this.nums.get(numId);
    if (!num) return null;
    const abs = this.abstractOf(num);
    if (!abs) return null;
    let ilvl: number | null = numPr && child(numPr, 'ilvl') ? intVal(child(numPr, 'ilvl'), 0) : this.styleProp(pStyle, 'ilvl');
    if (ilvl === null) {
      ilvl = 0;
      for (const [k, l] of abs.levels) if (pStyle && l.pStyle === pStyle) ilvl = k;
    }
    const levelOf = (k: number) => num.overrides.get(k)?.lvl ?? abs.levels.get(k);
    const lvl = levelOf(ilvl);
    if (!lvl) return null;

    const counters = this.counters.get(num.abstractId) ?? [];
    this.counters.set(num.abstractId, counters);
    if (!this.usedNums.has(numId)) {
      // A list that restarts numbering: its overridden levels begin again.
      this.usedNums.add(numId);
      for (const [k, o] of num.overrides) if (o.start !== null) counters[k] = o.start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? lvl.start - 1) + 1;
    for (let k = ilvl + 1; k < 10; k++) counters[k] = undefined;

    if (lvl.fmt === 'none') return null;
    if (lvl.fmt === 'bullet') return { text: bulletText(lvl.text) + lvl.suff, bullet: true };
    const text = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const k = Number(d) - 1;
      const l = levelOf(k);
      const n = counters[k] ?? l?.start ?? 1;
      return formatNumber(n, lvl.isLgl && k !== ilvl ? 'decimal' : (l?.fmt ?? 'decimal'));
    });
    return text.trim() === '' ? null : { text: text + lvl.suff, bullet: false };
  }

  private abstractOf(num: NumDef): { levels: Map<number, Level> } | null {
    let abs = this.abstracts.get(num.abstractId);
    // A list defined by a numbering style points through the style to the real definition.
    for (let i = 0; abs && abs.levels.size === 0 && abs.styleLink && i < 5; i++) {
      const numId = this.styleProp(abs.styleLink, 'numId');
      const target = numId ? this.nums.get(numId) : undefined;
      abs = target ? this.abstracts.get(target.abstractId) : undefined;
    }
    return abs ?? null;
  }
}

/** The Latin font an rPr names (rFonts hAnsi, else ascii). */
function fontOf(rPr: El | undefined): string | null {
  const f = rPr && child(rPr, 'rFonts');
  return f?.attrs['hAnsi'] ?? f?.attrs['ascii'] ?? null;
}

function ilvlOf(el: El): number {
  const n = Number.parseInt(el.attrs['ilvl'] ?? '0', 10);
  return Number.isFinite(n) && n >= 0 && n < 10 ? n : 0;
}

function level(l: El): Level {
  const suff = child(l, 'suff')?.attrs['val'] ?? 'tab';
  return {
    start: intVal(child(l, 'start'), 0),
    fmt: child(l, 'numFmt')?.attrs['val'] ?? 'decimal',
    text: child(l, 'lvlText')?.attrs['val'] ?? '',
    suff: suff === 'nothing' ? '' : ' ',
    isLgl: isOn(child(l, 'isLgl')),
    pStyle: child(l, 'pStyle')?.attrs['val'] ?? null,
  };
}
