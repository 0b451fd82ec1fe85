import type { Chart } from './model.js';
import { escapeAttr, escapeText, XML_HEAD } from './xml.js';

/**
 * A bar chart as DrawingML, for a .docx. In: a Chart (model.ts). Out: the
 * chart part (word/charts/chartN.xml), with every value cached in it so Word
 * and LibreOffice draw it without the data; the formulas point at the sheet
 * laid out by `CHART_SHEET` (categories in column A from row 2, one series per
 * column from B, names in row 1), which is the embedded workbook when there is
 * one; and the inline drawing that places it in a paragraph. Pure.
 */

export const CHART_SHEET = 'Sheet1';
const EMU_PER_TWIP = 635;
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function col(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function font(size: number, bold = false): string {
  return `<a:defRPr sz="${size * 100}" b="${bold ? 1 : 0}"><a:latin typeface="Times New Roman"/><a:cs typeface="Times New Roman"/></a:defRPr>`;
}

function strCache(values: readonly string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: readonly number[]): string {
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('')}</c:numCache>`;
}

/** The chart part; `workbookRel` names its embedded workbook's relationship when it has one. */
export function chartPartXml(chart: Chart, workbookRel: string | null): string {
  const n = chart.categories.length;
  const catRef = `${CHART_SHEET}!$A$2:$A$${n + 1}`;
  const labels =
    '<c:dLbls><c:numFmt formatCode="0;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(9, true)}</a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>` +
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>';
  const series = chart.series
    .map((s, i) => {
      const c = col(i + 1);
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${CHART_SHEET}!$${c}$1</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${escapeAttr(s.color)}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        labels +
        `<c:cat><c:strRef><c:f>${catRef}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${CHART_SHEET}!$${c}$2:$${c}$${n + 1}</c:f>${numCache(s.values)}</c:numRef></c:val></c:ser>`
      );
    })
    .join('');
  const [catPos, valPos] = chart.direction === 'bar' ? ['l', 'b'] : ['b', 'l'];
  const axisText = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(10)}</a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    '<c:date1904 val="0"/><c:lang val="vi-VN"/><c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(12, true)}</a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    `<c:barChart><c:barDir val="${chart.direction}"/><c:grouping val="${chart.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>` +
    series +
    `<c:gapWidth val="60"/>${chart.stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="500001"/><c:axId val="500002"/></c:barChart>` +
    `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${catPos}"/>` +
    '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${axisText}<c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${valPos}"/>` +
    '<c:majorGridlines><c:spPr><a:ln w="3175"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' +
    '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `${axisText}<c:crossAx val="500001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea>' +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(10)}</a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr></c:legend>` +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>${font(10)}</a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>` +
    (workbookRel ? `<c:externalData r:id="${workbookRel}"><c:autoUpdate val="0"/></c:externalData>` : '') +
    '</c:chartSpace>'
  );
}

/** The paragraph that shows the chart, centred; `id` is unique among the document's drawings. */
export function chartParagraphXml(chart: Chart, rel: string, id: number): string {
  const cx = chart.width * EMU_PER_TWIP;
  const cy = chart.height * EMU_PER_TWIP;
  return (
    '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>' +
    `<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="${escapeAttr(`Biểu đồ ${id}`)}" descr="${escapeAttr(chart.description)}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="${NS_A}"><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${rel}"/></a:graphicData></a:graphic>` +
    '</wp:inline></w:drawing></w:r></w:p>'
  );
}
