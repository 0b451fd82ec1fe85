/** The direct SpreadsheetML writer: a Workbook model (model.ts) → .xlsx bytes. Pure, browser-safe. */
export * from './model.js';
export { writeXlsx, type XlsxOptions } from './package.js';
export { clipCellText, CLIP_MARK, MAX_CELL_TEXT } from './limits.js';
export { escapeAttr, escapeText, columnName, dateSerial } from './xml.js';
export { crc32, nativeDeflateAvailable, type Compression } from './zip.js';
