/**
 * The plain data of the fake workbook: cells, formats, tables, defined names,
 * conditional-format rules, protection. Types and defaults only; the
 * operations are in sheet-state.ts, state.ts and conditional-state.ts.
 */
import type { Box } from '../excel/address.js';
import type { SheetState } from './sheet-state.js';

export type Scalar = string | number | boolean;

export interface Fill {
  /** "#RRGGBB", upper case. */
  color: string;
  /** Excel.FillPattern other than "Solid" ("Gray50", "Checker", …). */
  pattern?: string;
  patternColor?: string;
}

export interface Fmt {
  /** Absent: no fill. */
  fill?: Fill;
  fontName?: string;
  fontSize?: number;
  fontBold?: boolean;
  fontItalic?: boolean;
  fontColor?: string;
  numberFormat?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  /** The text was typed with a leading apostrophe (Excel's quotePrefix style flag): "'001" is the text 001. */
  quotePrefix?: boolean;
}

export interface Cell {
  v?: Scalar;
  f?: string;
  fmt: Fmt;
}

export const DEFAULTS = {
  fontName: 'Calibri',
  fontSize: 11,
  fontColor: '#000000',
  numberFormat: 'General',
  hAlign: 'General',
  vAlign: 'Bottom',
  /** Points: 8.43 characters of Calibri 11. */
  columnWidth: 48,
  rowHeight: 15,
} as const;

/** Excel's limit on the characters in one cell ("Excel specifications and limits": 32,767). */
export const MAX_CELL_CHARS = 32_767;

export interface ValidationRule {
  box: Box;
  rule: unknown;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  box: Box;
  style: string;
}

/** A workbook-scoped defined name (Formulas → Name Manager). */
export interface NameState {
  name: string;
  /** "=Sheet1!$A$1:$B$2", "=0.5", as Excel reports NamedItem.formula. */
  formula: string;
  comment: string;
  visible: boolean;
}

/** A conditional-format rule of type Custom (a formula and the format it shows). */
export interface CfRule {
  id: string;
  type: 'Custom';
  boxes: Box[];
  /** "=…", evaluated for the top-left cell of the rule's range and shifted for the others. */
  formula: string;
  /** "#RRGGBB" shown as the cell's fill when the formula is true. */
  fill?: string;
  font?: { color?: string; bold?: boolean };
  stopIfTrue: boolean;
  /** 0 is the top rule. Kept contiguous across the sheet, as Excel does. */
  priority: number;
}

/** Excel.WorksheetProtectionOptions: what a protected sheet still lets a user (or an add-in) do. */
export interface ProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  [k: string]: unknown;
}

export interface ProtectionState {
  protected: boolean;
  options: ProtectionOptions;
  password?: string;
}
