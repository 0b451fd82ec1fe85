/// <reference types="office-js" />
/**
 * What every action of the adapter shares: the host's capabilities and
 * limits, a way to run one Excel.run with its request budget, and finding a
 * sheet by id and then by name (ids may change when a workbook is reopened).
 */
import type { Batch, Limits } from './budget.js';
import type { Capabilities } from './host.js';

export interface Session {
  readonly caps: Capabilities;
  readonly limits: Limits;
  run<T>(f: (b: Batch) => Promise<T>): Promise<T>;
}

/** The sheet with this id, else the one with this name; null when neither is there (one sync). */
export async function findSheet(b: Batch, id: string, name: string | null): Promise<Excel.Worksheet | null> {
  const sheets = b.ctx.workbook.worksheets;
  sheets.load('items/id,items/name');
  await b.flush();
  const hit = sheets.items.find((s) => s.id === id) ?? (name === null ? undefined : sheets.items.find((s) => s.name === name));
  return hit ? sheets.getItem(hit.id) : null;
}
