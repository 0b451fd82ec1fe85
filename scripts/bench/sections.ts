import type { Table } from './stats.js';

/** Benchmark parts owned by other modules (rollup, add-in adapter): each returns its tables. */
export interface Section {
  title: string;
  table: Table;
}

export async function extraSections(_o: { full: boolean; runs: number; work: string }): Promise<Section[]> {
  return [];
}
