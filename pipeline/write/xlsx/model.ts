/**
 * What the direct SpreadsheetML writer writes: a workbook described as data,
 * with each sheet's rows produced on demand (a generator), so a sheet of a
 * hundred thousand rows is never held as cell objects. The tracking workbook
 * (write/workbook/) builds this once; write/xlsx serialises it to .xlsx bytes
 * and write/workbook/exceljs.ts to an exceljs model, so both say the same.
 *
 * Pure TypeScript, no Node imports: it runs in the add-in's browser pane too.
 */

/** Colours are ARGB hex, as in SpreadsheetML: "FF1F4E79". */
export type Argb = string;

export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  color?: Argb;
}

export interface Alignment {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
}

/** A thin border on all four sides, in one colour (all the workbook draws). */
export interface Border {
  style: 'thin';
  color: Argb;
}

/**
 * A cell format. Cells point at shared style objects (constants): the writer
 * numbers each distinct one once in styles.xml.
 */
export interface CellStyle {
  font?: Font;
  /** Solid fill colour. */
  fill?: Argb;
  border?: Border;
  alignment?: Alignment;
  /** Number format code, e.g. "dd/mm/yyyy" or "0.0%". */
  numFmt?: string;
}

/** The differential format of a conditional-formatting rule. */
export interface DiffStyle {
  font?: Pick<Font, 'bold' | 'italic' | 'color'>;
  fill?: Argb;
}

/** A calendar day, written as Excel's serial number (days since 1899-12-30) under a date style. */
export interface DateValue {
  date: string;
}

export type Scalar = string | number | DateValue | null;

/**
 * The same formula down a run of rows of one column, with relative references
 * that follow the row ("I2" on row 2, "I3" on row 3…). `text(row)` must be what
 * the formula reads on that row; the writer stores it once as a shared formula
 * (master at the first row used, ref down to `lastRow`) and writes the text in
 * full wherever a cell falls outside that run.
 */
export interface RowFormula {
  text: (row: number) => string;
  lastRow: number;
}

export interface FormulaValue {
  /** Without the leading "=". */
  formula: string | RowFormula;
  /** The cached result, shown by readers that do not recalculate. */
  result: Scalar;
}

/** Text is always a text cell, never parsed: "=SUM(A1)" or "+84…" stay what they are. */
export type CellValue = Scalar | FormulaValue;

export interface Cell {
  value: CellValue;
  style?: CellStyle;
}

export interface Row {
  /** 1-based row number; rows come in increasing order. */
  r: number;
  /** Height in points. */
  height?: number;
  /** Index 0 is column A; null/undefined leaves the cell out. */
  cells: ReadonlyArray<Cell | null | undefined>;
}

export interface Validation {
  /** Space-separated ranges ("L2:L1001"). */
  sqref: string;
  type: 'list' | 'date' | 'whole' | 'decimal' | 'textLength';
  operator?: 'between' | 'notBetween' | 'equal' | 'notEqual' | 'greaterThan' | 'lessThan' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  allowBlank?: boolean;
  /** A formula (a list literal is `"a,b,c"` with its quotes) or a date. */
  formulae: ReadonlyArray<string | DateValue>;
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: boolean;
  errorStyle?: 'stop' | 'warning' | 'information';
  errorTitle?: string;
  error?: string;
}

export interface ConditionalRule {
  type: 'expression';
  priority: number;
  formula: string;
  style: DiffStyle;
}

export interface ConditionalFormat {
  sqref: string;
  rules: readonly ConditionalRule[];
}

export interface Table {
  /** Name and display name (letters, digits, underscores). */
  name: string;
  /** "A1:Q1001": header row included. Its header cells must hold the column names. */
  ref: string;
  columns: readonly string[];
  style: string;
  showRowStripes: boolean;
}

export interface PageSetup {
  /** 9 = A4. */
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  /** Fit to this many pages wide / tall (0 = as many as needed). */
  fitToWidth?: number;
  fitToHeight?: number;
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Rows repeated on each printed page, "1:1". */
  printTitleRows?: string;
  /** Columns repeated at the left of each printed page, "A:B" (when a row spans several page widths). */
  printTitleColumns?: string;
  /**
   * What prints, as a range of this sheet ("A1:N1048576": columns A to N
   * down to Excel's last row). Written as the sheet's _xlnm.Print_Area.
   */
  printArea?: string;
  /** Page order when the print is more than one page wide: "overThenDown" keeps a row's halves on consecutive pages. */
  pageOrder?: 'downThenOver' | 'overThenDown';
  oddFooter?: string;
}

export interface SheetView {
  frozenRows?: number;
  frozenCols?: number;
  topLeftCell?: string;
  activeCell?: string;
}

export interface Sheet {
  name: string;
  /** Column widths in characters, index 0 = column A (undefined = default). */
  columns: ReadonlyArray<number | undefined>;
  /** Rows in increasing order; called once per serialisation. */
  rows: () => Iterable<Row>;
  view?: SheetView;
  merges?: readonly string[];
  table?: Table;
  autoFilter?: string;
  validations?: readonly Validation[];
  conditionalFormats?: readonly ConditionalFormat[];
  page?: PageSetup;
}

export interface DefinedName {
  name: string;
  /** "'Tổng hợp'!$B$2" */
  ref: string;
}

export interface Workbook {
  creator: string;
  sheets: readonly Sheet[];
  definedNames: readonly DefinedName[];
  /** Ask Excel to recompute every formula when the file opens. */
  fullCalcOnLoad: boolean;
  /** docProps created/modified (default: now). */
  created?: Date;
}

export function isFormula(v: CellValue): v is FormulaValue {
  return v !== null && typeof v === 'object' && 'formula' in v;
}

export function isDate(v: unknown): v is DateValue {
  return v !== null && typeof v === 'object' && 'date' in v;
}
