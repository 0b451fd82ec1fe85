import { escapeAttr, escapeText } from '../xlsx/xml.js';

/**
 * A chart part (xl/charts/chartN.xml, DrawingML), bound to cells. In: a
 * BarChart — categories and series as cell references with the values now
 * in those cells. Out: the part's XML. Every series reads its cells through
 * c:numRef/c:strRef (c:f), so Excel and LibreOffice redraw it when the cells
 * change; the c:numCache/c:strCache copies are what a viewer that does not
 * recalculate shows.
 *
 * Element order follows the schema (CT_ChartSpace, CT_Chart, CT_BarChart,
 * CT_BarSer, CT_CatAx, CT_ValAx), which Excel enforces.
 */
export interface CellRef {
  /** A formula reference: 'Tổng hợp'!$B$6:$B$12 */
  ref: string;
}

export interface BarSeries {
  /** Bound to a header cell (ref + its text), or a plain text when no single cell says it. */
  name: { ref: string | null; text: string };
  values: CellRef & { cache: ReadonlyArray<number | null> };
  /** RRGGBB */
  color: string;
}

export interface BarChart {
  title: string;
  /** The category labels (agencies), top to bottom. */
  categories: CellRef & { cache: readonly string[] };
  series: readonly BarSeries[];
  /** stacked: one bar per category, series end to end; clustered: side by side (one series: plain bars). */
  grouping: 'stacked' | 'clustered';
  /** Value axis: number format, bounds and step (omitted: automatic). */
  axis: { format: string; min?: number; max?: number; majorUnit?: number };
  /** Number format of the labels written on the bars (null: no labels); zeros are not labelled. */
  labels: { format: string; position: 'ctr' | 'outEnd' } | null;
  legend: boolean;
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Axis ids: any pair, unique within the chart. */
const CAT_AX = 510_001;
const VAL_AX = 510_002;

export function chartXml(chart: BarChart): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>' +
    '<c:chart>' +
    title(chart.title) +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="bar"/>' +
    `<c:grouping val="${chart.grouping}"/><c:varyColors val="0"/>` +
    chart.series.map((s, i) => seriesXml(s, i, chart.categories)).join('') +
    (chart.labels ? labelsXml(chart.labels) : '') +
    `<c:gapWidth val="${chart.grouping === 'stacked' ? 50 : 80}"/>` +
    (chart.grouping === 'stacked' ? '<c:overlap val="100"/>' : '') +
    `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>` +
    '</c:barChart>' +
    // Categories top to bottom in sheet order (maxMin), the value axis kept at the bottom (crosses at the last category).
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    textProps(900, false) +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    valAxXml(chart.axis) +
    '</c:plotArea>' +
    (chart.legend ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(900, false)}</c:legend>` : '') +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>' +
    '</c:chartSpace>'
  );
}

function title(text: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>' +
    `<a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${escapeText(text)}</a:t></a:r></a:p>` +
    '</c:rich></c:tx><c:overlay val="0"/></c:title>'
  );
}

/** Font size (hundredths of a point) of an axis's, the legend's or the labels' text. */
function textProps(size: number, bold: boolean): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;
}

function seriesXml(s: BarSeries, i: number, categories: BarChart['categories']): string {
  const name = s.name.ref
    ? `<c:tx><c:strRef><c:f>${escapeText(s.name.ref)}</c:f>${strCache([s.name.text])}</c:strRef></c:tx>`
    : `<c:tx><c:v>${escapeText(s.name.text)}</c:v></c:tx>`;
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
    name +
    `<c:spPr><a:solidFill><a:srgbClr val="${escapeAttr(s.color)}"/></a:solidFill></c:spPr>` +
    '<c:invertIfNegative val="0"/>' +
    `<c:cat><c:strRef><c:f>${escapeText(categories.ref)}</c:f>${strCache(categories.cache)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(s.values.ref)}</c:f>${numCache(s.values.cache)}</c:numRef></c:val>` +
    '</c:ser>'
  );
}

function strCache(values: readonly string[]): string {
  return (
    `<c:strCache><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join('') +
    '</c:strCache>'
  );
}

/** Blank cells have no point (a gap), as Excel writes them. */
function numCache(values: ReadonlyArray<number | null>): string {
  return (
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('') +
    '</c:numCache>'
  );
}

function labelsXml(labels: NonNullable<BarChart['labels']>): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${escapeAttr(labels.format)}" sourceLinked="0"/>` +
    '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    textProps(800, false) +
    `<c:dLblPos val="${labels.position}"/>` +
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>' +
    '</c:dLbls>'
  );
}

function valAxXml(axis: BarChart['axis']): string {
  const scaling =
    '<c:scaling><c:orientation val="minMax"/>' +
    (axis.max !== undefined ? `<c:max val="${axis.max}"/>` : '') +
    (axis.min !== undefined ? `<c:min val="${axis.min}"/>` : '') +
    '</c:scaling>';
  return (
    `<c:valAx><c:axId val="${VAL_AX}"/>${scaling}<c:delete val="0"/><c:axPos val="b"/>` +
    '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' +
    `<c:numFmt formatCode="${escapeAttr(axis.format)}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    textProps(900, false) +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="max"/><c:crossBetween val="between"/>` +
    (axis.majorUnit !== undefined ? `<c:majorUnit val="${axis.majorUnit}"/>` : '') +
    '</c:valAx>'
  );
}
