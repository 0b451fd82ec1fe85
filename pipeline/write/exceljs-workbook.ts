/**
 * exceljs's Workbook class alone, for the writers that run in Node (a rollup's
 * report, an update's workbook, the tests' editable workbook): the package's
 * index also loads its streaming reader and writer (unzipper, archiver and
 * their polyfills: ~120 ms a thread), which we never use. The same class as
 * the index's `Workbook`. read/sheet.ts loads it the same way in Node, by a
 * dynamic import the add-in's bundle leaves out.
 */
export { default as ExcelWorkbook } from 'exceljs/lib/doc/workbook.js';
