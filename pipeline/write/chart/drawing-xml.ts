import { escapeAttr } from '../xlsx/xml.js';

/**
 * A sheet's drawing part (xl/drawings/drawingN.xml): one graphic frame per
 * chart, anchored to cells. In: the frames (relationship id of the chart
 * part, name and description a screen reader or Excel's selection pane shows,
 * the cells it spans). Out: the part's XML.
 *
 * A two-cell anchor moves and sizes with the cells, as Excel anchors the
 * charts it inserts; `to` is exclusive (column/row index of the cell the
 * chart's edge stops at, 0-based, offset 0).
 */
export interface Anchor {
  /** 0-based column and row of the top-left cell. */
  fromCol: number;
  fromRow: number;
  /** 0-based column and row the chart's right and bottom edges stop at. */
  toCol: number;
  toRow: number;
}

export interface ChartFrame {
  relId: string;
  name: string;
  description: string;
  anchor: Anchor;
}

const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function drawingXml(frames: readonly ChartFrame[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">` +
    frames.map((f, i) => frameXml(f, i + 2)).join('') +
    '</xdr:wsDr>'
  );
}

function frameXml(f: ChartFrame, id: number): string {
  const a = f.anchor;
  const cell = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<xdr:twoCellAnchor>' +
    cell('from', a.fromCol, a.fromRow) +
    cell('to', a.toCol, a.toRow) +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeAttr(f.name)}" descr="${escapeAttr(f.description)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${escapeAttr(f.relId)}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame>' +
    '<xdr:clientData/>' +
    '</xdr:twoCellAnchor>'
  );
}
