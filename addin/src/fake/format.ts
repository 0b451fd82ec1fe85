/**
 * RangeFormat, RangeFill and RangeFont as proxies. In: Office.js format
 * reads and writes on a range or RangeAreas. Out: format changes in the
 * workbook state (whole columns and rows stored once, WorkbookState.formatBox)
 * and uniform reads (null when the cells differ). A protected sheet refuses
 * them with AccessDenied unless its options allow formatting cells, columns
 * or rows.
 */
import { Proxy, type Readers } from './batch.js';
import { boxesOf, fillColor, fillPattern, normColor, uniform, type Cells, type RangeT } from './cells.js';
import type { FakeContext } from './office.js';
import { DEFAULTS, type Fmt } from './state-types.js';

function setFmt(ctx: FakeContext, c: Cells, apply: (fmt: Fmt) => void): void {
  c.sheet.guardEdit('formatCells');
  for (const b of boxesOf(c)) ctx.host.wb.formatBox(c.sheet, b, apply);
}

export class RangeFormatP extends Proxy {
  get fill(): RangeFillP {
    return this._prop(RangeFillP, 'fill', (c: Cells) => c);
  }
  get font(): RangeFontP {
    return this._prop(RangeFontP, 'font', (c: Cells) => c);
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x ? (f.wrap = true) : delete f.wrap)));
  }
  get wrapText(): boolean | null {
    return this._get('wrapText');
  }
  set horizontalAlignment(v: string) {
    this._set('horizontalAlignment', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x === DEFAULTS.hAlign ? delete f.hAlign : (f.hAlign = String(x)))));
  }
  set verticalAlignment(v: string) {
    this._set('verticalAlignment', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x === DEFAULTS.vAlign ? delete f.vAlign : (f.vAlign = String(x)))));
  }
  set columnWidth(v: number) {
    this._set(
      'columnWidth',
      v,
      (c: RangeT, x) => {
        c.sheet.guardEdit('formatColumns');
        for (let j = c.box.c0; j <= c.box.c1; j++) c.sheet.colWidths.set(j, Number(x));
      },
      '1.2',
    );
  }
  get columnWidth(): number | null {
    return this._get('columnWidth');
  }
  set rowHeight(v: number) {
    this._set(
      'rowHeight',
      v,
      (c: RangeT, x) => {
        c.sheet.guardEdit('formatRows');
        for (let i = c.box.r0; i <= Math.min(c.box.r1, c.box.r0 + 1_100_000); i++) c.sheet.rowHeights.set(i, Number(x));
      },
      '1.2',
    );
  }
  autofitRows(): void {
    this._call(
      'autofitRows',
      [],
      (c: RangeT) => {
        c.sheet.guardEdit('formatRows');
        c.sheet.autofitRows = true;
      },
      '1.2',
    );
  }
  autofitColumns(): void {
    this._call('autofitColumns', [], (c: RangeT) => c.sheet.guardEdit('formatColumns'), '1.2');
  }
  _readers(): Readers {
    return {
      wrapText: ['1.1', (c: Cells) => uniform(c, (f) => f.wrap ?? false)],
      horizontalAlignment: ['1.1', (c: Cells) => uniform(c, (f) => f.hAlign ?? DEFAULTS.hAlign)],
      verticalAlignment: ['1.1', (c: Cells) => uniform(c, (f) => f.vAlign ?? DEFAULTS.vAlign)],
      columnWidth: [
        '1.2',
        (c: RangeT) => {
          const ws = new Set<number>();
          for (let j = c.box.c0; j <= c.box.c1; j++) ws.add(c.sheet.colWidths.get(j) ?? DEFAULTS.columnWidth);
          return ws.size === 1 ? [...ws][0] : null;
        },
      ],
    };
  }
}

export class RangeFillP extends Proxy {
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (c: Cells, x) => {
      const color = normColor(x);
      setFmt(this._ctx, c, (f) => (f.fill = { ...(f.fill ?? {}), color }));
    });
  }
  get pattern(): string | null {
    return this._get('pattern');
  }
  set pattern(v: string) {
    this._set(
      'pattern',
      v,
      (c: Cells, x) =>
        setFmt(this._ctx, c, (f) => {
          if (x === 'None') delete f.fill;
          else {
            const fill = { color: f.fill?.color ?? '#FFFFFF', ...(f.fill ?? {}) };
            if (x === 'Solid') delete fill.pattern;
            else fill.pattern = String(x);
            f.fill = fill;
          }
        }),
      '1.9',
    );
  }
  set patternColor(v: string) {
    this._set(
      'patternColor',
      v,
      (c: Cells, x) => setFmt(this._ctx, c, (f) => (f.fill = { color: f.fill?.color ?? '#FFFFFF', ...(f.fill ?? {}), patternColor: normColor(x) })),
      '1.9',
    );
  }
  clear(): void {
    this._call('clear', [], (c: Cells) => setFmt(this._ctx, c, (f) => delete f.fill));
  }
  _readers(): Readers {
    return {
      color: ['1.1', (c: Cells) => uniform(c, fillColor)],
      pattern: ['1.9', (c: Cells) => uniform(c, fillPattern)],
      patternColor: ['1.9', (c: Cells) => uniform(c, (f) => f.fill?.patternColor ?? '#000000')],
    };
  }
}

export class RangeFontP extends Proxy {
  set name(v: string) {
    this._set('name', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x === DEFAULTS.fontName ? delete f.fontName : (f.fontName = String(x)))));
  }
  set size(v: number) {
    this._set('size', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x === DEFAULTS.fontSize ? delete f.fontSize : (f.fontSize = Number(x)))));
  }
  set bold(v: boolean) {
    this._set('bold', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x ? (f.fontBold = true) : delete f.fontBold)));
  }
  set italic(v: boolean) {
    this._set('italic', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (x ? (f.fontItalic = true) : delete f.fontItalic)));
  }
  set color(v: string) {
    this._set('color', v, (c: Cells, x) => setFmt(this._ctx, c, (f) => (normColor(x) === DEFAULTS.fontColor ? delete f.fontColor : (f.fontColor = normColor(x)))));
  }
  get name(): string | null {
    return this._get('name');
  }
  get bold(): boolean | null {
    return this._get('bold');
  }
  _readers(): Readers {
    return {
      name: ['1.1', (c: Cells) => uniform(c, (f) => f.fontName ?? DEFAULTS.fontName)],
      size: ['1.1', (c: Cells) => uniform(c, (f) => f.fontSize ?? DEFAULTS.fontSize)],
      bold: ['1.1', (c: Cells) => uniform(c, (f) => f.fontBold ?? false)],
      italic: ['1.1', (c: Cells) => uniform(c, (f) => f.fontItalic ?? false)],
      color: ['1.1', (c: Cells) => uniform(c, (f) => f.fontColor ?? DEFAULTS.fontColor)],
    };
  }
}
