/**
 * Conditional-format rules of a sheet and what they make a user see. In: a
 * sheet's rules, boxes, a cell. Out: the rules of a range in priority order,
 * rule edits (add, move, delete, clear a range), and the fill a cell shows.
 *
 * Priorities are per worksheet and contiguous, 0 the top rule ("Priority
 * levels for conditional formatting rules are applied on a worksheet-level
 * basis", FormatCondition.SetFirstPriority; ConditionalFormat.priority in
 * Office.js: "changing this also changes other conditional formats'
 * priorities, to allow for a contiguous priority order"). A new rule goes to
 * the top (ConditionalFormatCollection.add: "at the first/top priority").
 */
import type { Box } from '../excel/address.js';
import { inBox, overlaps, subtract } from './boxes.js';
import type { SheetState } from './sheet-state.js';
import type { CfRule, Fill } from './state-types.js';

/** The rules that touch any of the boxes, top rule first. */
export function rulesTouching(sheet: SheetState, boxes: Box[]): CfRule[] {
  return sheet.rules.filter((r) => r.boxes.some((b) => boxes.some((x) => overlaps(b, x))));
}

function renumber(sheet: SheetState): void {
  sheet.rules.forEach((r, i) => (r.priority = i));
}

export function addRule(sheet: SheetState, rule: Omit<CfRule, 'priority'>, priority = 0): CfRule {
  const full: CfRule = { ...rule, priority: 0 };
  sheet.rules.splice(clampPriority(priority, sheet.rules.length + 1), 0, full);
  renumber(sheet);
  return full;
}

/** Negative counts from the bottom; out of bounds goes to the top or the bottom (Office.js ConditionalFormat.priority). */
function clampPriority(p: number, count: number): number {
  const i = p < 0 ? count + p : p;
  return Math.max(0, Math.min(count - 1, Math.trunc(i)));
}

export function setPriority(sheet: SheetState, rule: CfRule, priority: number): void {
  const at = sheet.rules.indexOf(rule);
  if (at < 0) return;
  sheet.rules.splice(at, 1);
  sheet.rules.splice(clampPriority(priority, sheet.rules.length + 1), 0, rule);
  renumber(sheet);
}

export function deleteRule(sheet: SheetState, rule: CfRule): void {
  const at = sheet.rules.indexOf(rule);
  if (at >= 0) sheet.rules.splice(at, 1);
  renumber(sheet);
}

/** Take the boxes out of every rule's range (ConditionalFormatCollection.clearAll on a range); rules left with nothing go. */
export function clearRules(sheet: SheetState, boxes: Box[]): void {
  for (const rule of [...sheet.rules]) {
    let left = rule.boxes;
    for (const b of boxes) left = left.flatMap((x) => subtract(x, b));
    if (left.length === 0) deleteRule(sheet, rule);
    else rule.boxes = left;
  }
}

/**
 * The fill a user sees on a cell: the first rule (by priority) that covers
 * the cell, whose formula is true and that sets a fill, wins over the cell's
 * own fill; a true rule with stopIfTrue and no fill ends the search. A
 * formula the fake cannot evaluate counts as true, the worst case for an
 * add-in that marks cells with fills (a rule that colours whole rows by
 * status hides them).
 */
export function displayedFill(sheet: SheetState, r: number, c: number): Fill | null {
  for (const rule of sheet.rules) {
    if (!rule.boxes.some((b) => inBox(b, r, c))) continue;
    if (evaluate(rule.formula) === false) continue;
    if (rule.fill) return { color: rule.fill };
    if (rule.stopIfTrue) break;
  }
  return sheet.fmtAt(r, c).fill ?? null;
}

// ---- a tiny evaluator for constant formulas ------------------------------------

type Val = number | string | boolean;

class Unknown extends Error {}

/**
 * The truth of a rule's formula when it needs no cell: TRUE, FALSE, TRUE(),
 * =N("text")=0, NOT/AND/OR, comparisons, arithmetic signs. Null when the
 * formula refers to cells or uses anything else.
 */
export function evaluate(formula: string): boolean | null {
  const src = formula.trim().replace(/^=/, '');
  try {
    const p = new Parser(src);
    const v = p.expr();
    if (!p.done()) return null;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    return false;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    this.ws();
    return this.i >= this.s.length;
  }

  expr(): Val {
    let left = this.unary();
    for (;;) {
      this.ws();
      const op = this.s.slice(this.i).match(/^(<>|<=|>=|=|<|>)/)?.[1];
      if (!op) return left;
      this.i += op.length;
      left = compare(left, this.unary(), op);
    }
  }

  private unary(): Val {
    this.ws();
    const ch = this.s[this.i];
    if (ch === '-' || ch === '+') {
      this.i++;
      const v = this.unary();
      if (typeof v !== 'number') throw new Unknown();
      return ch === '-' ? -v : v;
    }
    return this.atom();
  }

  private atom(): Val {
    this.ws();
    const rest = this.s.slice(this.i);
    let m = rest.match(/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/);
    if (m) {
      this.i += m[0].length;
      return Number(m[0]);
    }
    if (rest.startsWith('"')) {
      m = rest.match(/^"((?:[^"]|"")*)"/);
      if (!m) throw new Unknown();
      this.i += m[0].length;
      return m[1]!.replace(/""/g, '"');
    }
    if (rest.startsWith('(')) {
      this.i++;
      const v = this.expr();
      this.expect(')');
      return v;
    }
    m = rest.match(/^([A-Za-z][A-Za-z0-9.]*)/);
    if (!m) throw new Unknown();
    const name = m[1]!.toUpperCase();
    this.i += m[0].length;
    this.ws();
    if (this.s[this.i] !== '(') {
      if (name === 'TRUE') return true;
      if (name === 'FALSE') return false;
      throw new Unknown(); // a reference or a defined name
    }
    this.i++;
    const args: Val[] = [];
    this.ws();
    if (this.s[this.i] !== ')') {
      for (;;) {
        args.push(this.expr());
        this.ws();
        if (this.s[this.i] === ',') this.i++;
        else break;
      }
    }
    this.expect(')');
    return call(name, args);
  }

  private expect(ch: string): void {
    this.ws();
    if (this.s[this.i] !== ch) throw new Unknown();
    this.i++;
  }

  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}

function call(name: string, args: Val[]): Val {
  switch (name) {
    case 'TRUE':
      return true;
    case 'FALSE':
      return false;
    case 'N': {
      const v = args[0];
      return typeof v === 'number' ? v : v === true ? 1 : 0;
    }
    case 'NOT':
      return !truthy(args[0]);
    case 'AND':
      return args.every(truthy);
    case 'OR':
      return args.some(truthy);
    default:
      throw new Unknown();
  }
}

function truthy(v: Val | undefined): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw new Unknown();
}

/** Excel's comparison: numbers < text < booleans; text compares without case. */
function compare(a: Val, b: Val, op: string): boolean {
  const rank = (v: Val): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let d: number;
  if (rank(a) !== rank(b)) d = rank(a) - rank(b);
  else if (typeof a === 'string') d = a.toLowerCase().localeCompare(String(b).toLowerCase());
  else d = Number(a) - Number(b);
  switch (op) {
    case '=':
      return d === 0;
    case '<>':
      return d !== 0;
    case '<':
      return d < 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    default:
      return d >= 0;
  }
}
