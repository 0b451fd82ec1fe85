import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** How many rows (tasks) a sample's gold holds: samples/gold/<id>.json. */
export function goldRows(id: string): number {
  return (JSON.parse(readFileSync(path.join(root, 'samples/gold', `${id}.json`), 'utf8')) as { rows: unknown[] }).rows.length;
}
