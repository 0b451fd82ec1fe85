/**
 * The fake as the adapter's Host, and as the globals Office.js defines (for
 * the browser stub). The casts live here: the fake implements the subset of
 * Office.js the adapter uses, not the whole typed surface.
 */
import type { Host } from '../excel/adapter.js';
import { FakeOffice, type FakeOptions } from './office.js';
import { WorkbookState } from './state.js';

export function fakeHost(fake: FakeOffice): Host {
  return {
    run: fake.Excel.run as unknown as Host['run'],
    isSetSupported: (set, version) => fake.isSetSupported(set, version),
    settings: fake.Office.context.document.settings as unknown as Host['settings'],
    platform: fake.platform,
  };
}

export function createFake(o: FakeOptions & { sheets?: string[] } = {}): FakeOffice {
  return new FakeOffice(new WorkbookState(o.sheets ?? ['Sheet1']), o);
}

export { FakeOffice, WorkbookState };
