import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PhulucApp } from '../../addin/src/app/app.js';
import { ExcelAdapter } from '../../addin/src/excel/adapter.js';
import { createFake, fakeHost } from '../../addin/src/fake/host.js';
import type { FakeOffice, FakeOptions } from '../../addin/src/fake/office.js';
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import { check } from '../../pipeline/check/rules.js';
import { convertDocument } from '../../pipeline/convert.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const AS_OF = '2026-03-15';

/** Excel on the web (5 MB cap, current API), Office 2016 volume licence (ExcelApi 1.1, no cap). */
export const WEB: FakeOptions = { api: '1.9', platform: 'OfficeOnline' };
export const OFFICE_2016: FakeOptions = { api: '1.1', platform: 'PC' };

export interface Rig {
  fake: FakeOffice;
  app: PhulucApp;
}

type Convert = (file: string, bytes: Uint8Array) => Promise<ConvertedDocument>;

export function rig(o: FakeOptions & { sheets?: string[] } = WEB, convert?: Convert): Rig {
  const fake = createFake(o);
  const adapter = new ExcelAdapter(fakeHost(fake));
  return { fake, app: convert ? new PhulucApp(adapter, convert) : new PhulucApp(adapter) };
}

/** The seeds: the plans under samples/ (and samples/docx/ when present). */
export function seeds(): Array<{ name: string; file: string }> {
  const list: Array<{ name: string; file: string }> = [];
  for (const dir of ['samples', 'samples/wild', 'samples/docx']) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(ROOT, dir));
    } catch {
      continue;
    }
    for (const n of names.sort()) if (/\.(txt|md|docx)$/.test(n)) list.push({ name: n, file: path.join(ROOT, dir, n) });
  }
  return list;
}

export function bytesOf(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}

let seedDocs: Promise<ConvertedDocument[]> | null = null;

/** A plan of `n` tasks made of the seeds' tasks, numbered 1…n (a large provincial programme). */
export async function bigPlan(n: number): Promise<ConvertedDocument> {
  seedDocs ??= Promise.all(
    seeds()
      .filter((x) => x.name.endsWith('.txt'))
      .slice(0, 5)
      .map((s) => convertDocument(s.name, bytesOf(s.file), { asOf: AS_OF })),
  );
  const docs = await seedDocs;
  const pool = docs.flatMap((d) => d.tasks);
  const tasks = Array.from({ length: n }, (_, i) => ({ ...pool[i % pool.length]!, id: `T${String(i + 1).padStart(5, '0')}`, tt: String(i + 1) }));
  return { ...docs[0]!, source: { file: 'ke-hoach-lon.txt', format: 'txt' }, tasks, findings: check(tasks, { asOf: AS_OF }) };
}
