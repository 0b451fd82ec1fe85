// exceljs's Workbook class on its own (the package's index also loads its streaming reader and writer):
// the same class as the index's `Workbook`, without typings of its own.
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';
  const WorkbookClass: typeof Workbook;
  export default WorkbookClass;
}
