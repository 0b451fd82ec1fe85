/**
 * The plain data the adapter exchanges with the app: what a read returns,
 * what a check asks to mark, what an import or a report asks to write.
 * No Office.js here.
 */
import type { Box } from './address.js';
import type { CellValue } from './host.js';

export type { CellValue };

/** A fill as recorded for restoring: color null means no fill. */
export interface FillState {
  color: string | null;
  /** Pattern other than Solid (ExcelApi 1.9 hosts only). */
  pattern?: string;
  patternColor?: string;
}

/**
 * A cell's content exactly: text, number or boolean as stored; a formula as
 * ["=…"]; text in a cell formatted as text ("@") as [text, "@"], which is
 * written back as it is (Excel does not parse what goes into such a cell).
 */
export type ExactCell = CellValue | [formula: string] | [text: string, format: '@'];

/** The top-left window of a sheet, read to find a task table's header. */
export interface SheetHead {
  sheetId: string;
  sheetName: string;
  /** Used range (0-based, values and formats), null for a blank sheet. */
  used: Box | null;
  /** Used range of values only (ExcelApi 1.2; else null): formatting out to column XFD does not stretch it. */
  usedValues: Box | null;
  /** Values of rows 0…HEAD_ROWS-1, columns 0…HEAD_COLS-1. */
  head: CellValue[][];
  /** Excel tables on the sheet. */
  tables: string[];
}

export const HEAD_ROWS = 40;
export const HEAD_COLS = 60;

export interface ColumnRead {
  col: number;
  /**
   * 'values'; 'types' reads only whether a cell is empty, text or a number
   * (valueTypes: cheap for long text); 'exact' reads values and formulas, to
   * put the cells back exactly as they were (a note column about to be written).
   */
  as: 'values' | 'types' | 'exact';
}

export interface ReadPlan {
  /** Data rows to read (0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  columns: ColumnRead[];
  /** Columns whose current fill (over the data rows) is wanted, to record marks exactly. */
  fillColumns: number[];
}

export interface SheetRead {
  head: SheetHead;
  plan: ReadPlan;
  /** Column → one entry per data row (values, or valueTypes for 'types'; the value for 'exact'). */
  columns: Map<number, CellValue[]>;
  /** 'exact' columns → one entry per data row. */
  exact: Map<number, ExactCell[]>;
  /** Column → its fill over the data rows when every cell has the same one, null when they differ. */
  fills: Map<number, FillState | null>;
  /** Excel tables on the sheet with their boxes. */
  tables: Array<{ name: string; box: Box }>;
  /** The sheet is protected (ExcelApi 1.2; false where it cannot be known). */
  protected: boolean;
  /** The sheet has conditional formats of its own, which may hide fills (ExcelApi 1.6; false where unknown). */
  conditionalFormats: boolean;
}

export interface MarkCell {
  row: number;
  col: number;
  /** "#RRGGBB". */
  color: string;
}

/** The column where findings are written in words. */
export type NoteColumn =
  /** A column that exists (a Cảnh báo column): its cells are overwritten where they change; `before` as read. */
  | { kind: 'existing'; col: number; firstRow: number; values: string[]; before: ExactCell[] }
  /** A new column after the data: header on headerRow, values from headerRow + 1; inside `table` when the data is an Excel table. */
  | { kind: 'append'; col: number; headerRow: number; header: string; values: string[]; table?: string };

/**
 * What identifies each data row (a hash of its TT, group, lead …), so that
 * Xoá đánh dấu finds a row again after the user sorted or inserted rows.
 */
export interface RowKeys {
  cols: number[];
  /** First data row (0-based); one hash per row from there. */
  r0: number;
  /** HASH_WIDTH characters per row. */
  hashes: string;
}

export interface MarkRequest {
  sheetId: string;
  sheetName: string;
  rowKeys: RowKeys | null;
  cells: MarkCell[];
  /** Known fills per column (from readSheet); columns missing or null are read cell by cell. */
  knownFills: Map<number, FillState | null>;
  note: NoteColumn | null;
  /** Add a top-priority conditional rule too, so marks show through the sheet's own conditional fills. */
  overRules: boolean;
}

export interface ClearResult {
  /** Cells whose fill was put back. */
  fills: number;
  /** Cells whose value was put back or emptied. */
  values: number;
  /** Marked cells the user changed since: left as they are. */
  skipped: number;
  sheetMissing: boolean;
  /** The log sheet of a large log was gone: nothing could be put back. */
  logMissing: boolean;
  /** Our conditional rule could not be removed (an Excel without conditional formats in its API). */
  ruleLeft: boolean;
}

export interface SheetColumn {
  header: string;
  kind: 'text' | 'date' | 'number' | 'formula' | 'general';
  /** Width in characters. */
  width: number;
  wrap?: boolean;
  center?: boolean;
  /** A dropdown list (ExcelApi 1.8). */
  list?: string[];
}

export interface TaskSheetSpec {
  baseName: string;
  tableName: string;
  columns: SheetColumn[];
  /** Data rows; formula columns hold the formula text ("=…"). */
  rows: Array<Array<CellValue | null>>;
  font: { name: string; size: number };
  tableStyle: string;
}

export interface WrittenSheet {
  sheetId: string;
  sheetName: string;
  tableName: string;
  /** Cells whose text was cut to Excel's 32,767 characters. */
  clipped: number;
}

export interface ReportSpec {
  name: string;
  /** Rows written from A1; null cells left empty. */
  rows: Array<Array<CellValue | null>>;
  /** 0-based rows to set in bold. */
  boldRows: number[];
  /** Row of the column headers (bold, filled, wrapped, centred). */
  headerRow: number;
  /** The title cell row (bigger font). */
  titleRow: number;
  /** Rows of the table part (header + body + total), for borders and font. */
  tableRows: [number, number];
  percentColumns: number[];
  dateCells: Array<[number, number]>;
  widths: number[];
  font: { name: string; size: number };
}
