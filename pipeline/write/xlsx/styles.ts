import type { CellStyle, DiffStyle, Font } from './model.js';
import { escapeAttr } from './xml.js';

/**
 * styles.xml, built from the style objects the cells point at. Each distinct
 * CellStyle gets one cellXfs index (looked up by object identity first, so a
 * cell costs one Map lookup; equal objects still share an index); each
 * DiffStyle one dxf.
 */
export class Styles {
  private readonly byObject = new Map<CellStyle, number>();
  private readonly byKey = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Indexed(['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>']);
  private readonly fills = new Indexed(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Indexed(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly numFmts = new Map<string, number>();
  private readonly dxfByObject = new Map<DiffStyle, number>();
  private readonly dxfs = new Indexed([]);

  /** The cellXfs index of a style (0, the default, for none). */
  index(style: CellStyle | undefined): number {
    if (style === undefined) return 0;
    const known = this.byObject.get(style);
    if (known !== undefined) return known;
    const xf = this.xf(style);
    let i = this.byKey.get(xf);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push(xf);
      this.byKey.set(xf, i);
    }
    this.byObject.set(style, i);
    return i;
  }

  /** The dxfs index of a conditional format's style. */
  dxf(style: DiffStyle): number {
    const known = this.dxfByObject.get(style);
    if (known !== undefined) return known;
    const font = style.font ? `<font>${fontBody(style.font)}</font>` : '';
    const i = this.dxfs.index(`<dxf>${font}${style.fill ? fillXml(style.fill) : ''}</dxf>`);
    this.dxfByObject.set(style, i);
    return i;
  }

  private xf(s: CellStyle): string {
    const numFmtId = s.numFmt === undefined ? 0 : this.numFmt(s.numFmt);
    const fontId = s.font ? this.fonts.index(`<font>${fontBody(s.font)}</font>`) : 0;
    const fillId = s.fill ? this.fills.index(fillXml(s.fill)) : 0;
    const borderId = s.border
      ? this.borders.index(
          `<border>${['left', 'right', 'top', 'bottom']
            .map((side) => `<${side} style="${s.border!.style}"><color rgb="${escapeAttr(s.border!.color)}"/></${side}>`)
            .join('')}<diagonal/></border>`,
        )
      : 0;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) attrs += ' applyNumberFormat="1"';
    if (fontId) attrs += ' applyFont="1"';
    if (fillId) attrs += ' applyFill="1"';
    if (borderId) attrs += ' applyBorder="1"';
    const a = s.alignment;
    if (!a || (a.horizontal === undefined && a.vertical === undefined && !a.wrapText)) return `<xf ${attrs}/>`;
    let align = '';
    if (a.horizontal) align += ` horizontal="${a.horizontal}"`;
    if (a.vertical) align += ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"`;
    if (a.wrapText) align += ' wrapText="1"';
    return `<xf ${attrs} applyAlignment="1"><alignment${align}/></xf>`;
  }

  private numFmt(code: string): number {
    if (code === 'General') return 0;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      // 164 and up are the file's own formats.
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  xml(): string {
    const numFmts =
      this.numFmts.size === 0
        ? ''
        : `<numFmts count="${this.numFmts.size}">${[...this.numFmts]
            .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`)
            .join('')}</numFmts>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      numFmts +
      this.fonts.xml('fonts') +
      this.fills.xml('fills') +
      this.borders.xml('borders') +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      this.dxfs.xml('dxfs') +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** A list of XML fragments numbered by first appearance. */
class Indexed {
  private readonly at = new Map<string, number>();
  constructor(private readonly items: string[]) {
    items.forEach((x, i) => this.at.set(x, i));
  }
  index(x: string): number {
    let i = this.at.get(x);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(x);
      this.at.set(x, i);
    }
    return i;
  }
  xml(tag: string): string {
    return `<${tag} count="${this.items.length}">${this.items.join('')}</${tag}>`;
  }
}

function fontBody(f: Partial<Font>): string {
  let s = '';
  if (f.bold) s += '<b/>';
  if (f.italic) s += '<i/>';
  if (f.underline) s += '<u/>';
  if (f.size !== undefined) s += `<sz val="${f.size}"/>`;
  if (f.color) s += `<color rgb="${escapeAttr(f.color)}"/>`;
  if (f.name) s += `<name val="${escapeAttr(f.name)}"/>`;
  return s;
}

function fillXml(argb: string): string {
  const c = escapeAttr(argb);
  return `<fill><patternFill patternType="solid"><fgColor rgb="${c}"/><bgColor rgb="${c}"/></patternFill></fill>`;
}
