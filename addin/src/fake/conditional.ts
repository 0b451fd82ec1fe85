/**
 * Conditional formats (ExcelApi 1.6; on RangeAreas 1.9) as proxies: the
 * collection of a range, a conditional format, and of its Custom kind the
 * rule (formula) and the format it shows (fill colour, font colour and
 * bold). In: Office.js calls. Out: rule changes in the sheet's list
 * (conditional-state.ts), refused with AccessDenied on a protected sheet.
 * The fake implements the Custom type only.
 */
import { CollectionProxy, Proxy, type ClientResult, type Readers } from './batch.js';
import { boxesOf, normColor, type AreasT, type Cells, type RangeT } from './cells.js';
import { addRule, clearRules, deleteRule, rulesTouching, setPriority } from './conditional-state.js';
import { FakeError } from './errors.js';
import { RangeAreasP, RangeP } from './range.js';
import type { SheetState } from './sheet-state.js';
import type { CfRule } from './state-types.js';

interface CfT {
  sheet: SheetState;
  rule: CfRule;
}

/** The rule, if it still exists (a deleted conditional format fails like any removed object). */
function live(t: CfT): CfRule {
  if (!t.sheet.rules.includes(t.rule)) throw new FakeError('ItemNotFound', 'Định dạng có điều kiện không còn tồn tại');
  return t.rule;
}

function edit(t: CfT): CfRule {
  const rule = live(t);
  t.sheet.guardEdit();
  return rule;
}

const CF_READERS: Readers = {
  id: ['1.6', (t: CfT) => live(t).id],
  type: ['1.6', (t: CfT) => live(t).type],
  priority: ['1.6', (t: CfT) => live(t).priority],
  stopIfTrue: ['1.6', (t: CfT) => live(t).stopIfTrue],
};

export class ConditionalFormatsP extends CollectionProxy<ConditionalFormatP> {
  private rules(c: Cells): CfRule[] {
    return rulesTouching(c.sheet, boxesOf(c));
  }
  /** A new rule over this range at the top priority. Only "Custom" is implemented by the fake. */
  add(type: string): ConditionalFormatP {
    return this._method(
      ConditionalFormatP,
      'add',
      [type],
      (c: Cells) => {
        if (type !== 'Custom') throw new Error(`fake: conditional format type ${type} is not implemented (Custom only)`);
        c.sheet.guardEdit();
        const rule = addRule(c.sheet, { id: this._ctx.host.wb.newId('cf'), type: 'Custom', boxes: boxesOf(c).map((b) => ({ ...b })), formula: '', stopIfTrue: false }, 0);
        return { sheet: c.sheet, rule } satisfies CfT;
      },
      '1.6',
    );
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], (c: Cells) => this.rules(c).length, '1.6');
  }
  getItemAt(index: number): ConditionalFormatP {
    return this._method(
      ConditionalFormatP,
      'getItemAt',
      [index],
      (c: Cells) => {
        const rule = this.rules(c)[index];
        if (!rule) throw new FakeError('ItemNotFound', `Không có định dạng có điều kiện thứ ${index}`);
        return { sheet: c.sheet, rule } satisfies CfT;
      },
      '1.6',
    );
  }
  getItem(id: string): ConditionalFormatP {
    return this._method(
      ConditionalFormatP,
      'getItem',
      [id],
      (c: Cells) => {
        const rule = this.rules(c).find((r) => r.id === id);
        if (!rule) throw new FakeError('ItemNotFound', `Không có định dạng có điều kiện ${id}`);
        return { sheet: c.sheet, rule } satisfies CfT;
      },
      '1.6',
    );
  }
  /** ExcelApi 1.14. */
  getItemOrNullObject(id: string): ConditionalFormatP {
    return this._method(
      ConditionalFormatP,
      'getItemOrNullObject',
      [id],
      (c: Cells) => {
        const rule = this.rules(c).find((r) => r.id === id);
        return rule ? ({ sheet: c.sheet, rule } satisfies CfT) : null;
      },
      '1.14',
      true,
    );
  }
  /** Take this range out of every rule (rules left with no cells go). */
  clearAll(): void {
    this._call(
      'clearAll',
      [],
      (c: Cells) => {
        c.sheet.guardEdit();
        clearRules(c.sheet, boxesOf(c));
      },
      '1.6',
    );
  }
  _itemTargets(c: Cells): CfT[] {
    return this.rules(c).map((rule) => ({ sheet: c.sheet, rule }));
  }
  _itemProxy(t: CfT, i: number): ConditionalFormatP {
    return new ConditionalFormatP(this._ctx, this, 'getItemAt', [i], 3, () => t);
  }
  _itemReaders(): Readers {
    return CF_READERS;
  }
  protected override _api(): string {
    return '1.6';
  }
  _readers(): Readers {
    return {};
  }
}

export class ConditionalFormatP extends Proxy {
  get id(): string {
    return this._get('id');
  }
  get type(): string {
    return this._get('type');
  }
  get priority(): number {
    return this._get('priority');
  }
  /** 0 makes it the top rule; the others shift to stay contiguous; negative counts from the bottom. */
  set priority(v: number) {
    this._set('priority', v, (t: CfT, x) => setPriority(t.sheet, edit(t), Number(x)), '1.6');
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this._set('stopIfTrue', v, (t: CfT, x) => (edit(t).stopIfTrue = Boolean(x)), '1.6');
  }
  get custom(): CustomConditionalFormatP {
    return this._prop(CustomConditionalFormatP, 'custom', (t: CfT) => {
      if (live(t).type !== 'Custom') throw new FakeError('InvalidOperation', 'Không phải định dạng Custom');
      return t;
    });
  }
  get customOrNullObject(): CustomConditionalFormatP {
    return this._prop(CustomConditionalFormatP, 'customOrNullObject', (t: CfT) => (live(t).type === 'Custom' ? t : null), true);
  }
  /** Fails when the rule covers several ranges (Office.js: "Throws an error if … applied to multiple ranges"). */
  getRange(): RangeP {
    return this._method(
      RangeP,
      'getRange',
      [],
      (t: CfT) => {
        const boxes = live(t).boxes;
        if (boxes.length !== 1) throw new FakeError('InvalidOperation', 'Định dạng áp cho nhiều vùng');
        return { t: 'range', sheet: t.sheet, box: boxes[0]! } satisfies RangeT;
      },
      '1.6',
    );
  }
  getRangeOrNullObject(): RangeP {
    return this._method(
      RangeP,
      'getRangeOrNullObject',
      [],
      (t: CfT) => {
        const boxes = live(t).boxes;
        return boxes.length === 1 ? ({ t: 'range', sheet: t.sheet, box: boxes[0]! } satisfies RangeT) : null;
      },
      '1.6',
      true,
    );
  }
  /** ExcelApi 1.9. */
  getRanges(): RangeAreasP {
    return this._method(RangeAreasP, 'getRanges', [], (t: CfT) => ({ t: 'areas', sheet: t.sheet, boxes: live(t).boxes }) satisfies AreasT, '1.9');
  }
  delete(): void {
    this._call('delete', [], (t: CfT) => deleteRule(t.sheet, edit(t)), '1.6');
  }
  _readers(): Readers {
    return CF_READERS;
  }
}

export class CustomConditionalFormatP extends Proxy {
  get rule(): ConditionalFormatRuleP {
    return this._prop(ConditionalFormatRuleP, 'rule', (t: CfT) => t);
  }
  get format(): ConditionalRangeFormatP {
    return this._prop(ConditionalRangeFormatP, 'format', (t: CfT) => t);
  }
  _readers(): Readers {
    return {};
  }
}

export class ConditionalFormatRuleP extends Proxy {
  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._set('formula', v, (t: CfT, x) => (edit(t).formula = String(x)), '1.6');
  }
  _readers(): Readers {
    return { formula: ['1.6', (t: CfT) => live(t).formula] };
  }
}

export class ConditionalRangeFormatP extends Proxy {
  get fill(): ConditionalRangeFillP {
    return this._prop(ConditionalRangeFillP, 'fill', (t: CfT) => t);
  }
  get font(): ConditionalRangeFontP {
    return this._prop(ConditionalRangeFontP, 'font', (t: CfT) => t);
  }
  _readers(): Readers {
    return {};
  }
}

export class ConditionalRangeFillP extends Proxy {
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t: CfT, x) => (edit(t).fill = normColor(x)), '1.6');
  }
  clear(): void {
    this._call('clear', [], (t: CfT) => delete edit(t).fill, '1.6');
  }
  _readers(): Readers {
    return { color: ['1.6', (t: CfT) => live(t).fill ?? null] };
  }
}

export class ConditionalRangeFontP extends Proxy {
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t: CfT, x) => void (edit(t).font = { ...t.rule.font, color: normColor(x) }), '1.6');
  }
  get bold(): boolean | null {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v, (t: CfT, x) => void (edit(t).font = { ...t.rule.font, bold: Boolean(x) }), '1.6');
  }
  _readers(): Readers {
    return {
      color: ['1.6', (t: CfT) => live(t).font?.color ?? null],
      bold: ['1.6', (t: CfT) => live(t).font?.bold ?? false],
    };
  }
}
