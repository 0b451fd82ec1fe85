/**
 * The Office namespace of the fake host: Office.onReady, requirement sets,
 * diagnostics and Office.context.document.settings. In: the host. Out: the
 * object the add-in sees as window.Office.
 *
 * Settings follow Office.Settings: set/get/remove work on the add-in's
 * in-memory copy; saveAsync writes it into the document. Over the size limit
 * the save fails and the document keeps what was saved before (Office.Settings
 * docs: 2 MB at most for an add-in's settings, quoted by Microsoft in
 * OfficeDev/office-js#621; saves of about 1 MB already failed in
 * OfficeDev/office-js#3957). Closing and reopening the workbook
 * (FakeOffice.reopen) reloads the copy from the document: unsaved changes go.
 */
import { encoder } from './batch.js';
import type { FakeOffice } from './office.js';

export interface AsyncResult {
  status: string;
  error?: { name: string; message: string };
}

export interface FakeSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(cb?: (r: AsyncResult) => void): void;
  saveAsync(options: unknown, cb?: (r: AsyncResult) => void): void;
}

export interface FakeOfficeNamespace {
  onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    document: { settings: FakeSettings };
    diagnostics: { platform: string; version: string };
  };
  HostType: { Excel: string };
  AsyncResultStatus: { Succeeded: string; Failed: string };
}

/** The add-in's view of the document settings: values kept as JSON, as the document stores them. */
export class DocumentSettings implements FakeSettings {
  private live = new Map<string, string>();

  constructor(private readonly host: FakeOffice) {
    this.reload();
  }

  /** Read the settings from the document again (the add-in starting in a freshly opened workbook). */
  reload(): void {
    this.live = new Map(this.host.wb.settings);
  }

  get(name: string): unknown {
    const v = this.live.get(name);
    return v === undefined ? null : JSON.parse(v);
  }

  set(name: string, value: unknown): void {
    this.live.set(name, JSON.stringify(value));
  }

  remove(name: string): void {
    this.live.delete(name);
  }

  /** saveAsync(callback) or saveAsync(options, callback), as Office.Settings has both. */
  saveAsync(options?: unknown, cb?: (r: AsyncResult) => void): void {
    const done = (typeof options === 'function' ? options : cb) as ((r: AsyncResult) => void) | undefined;
    const json = `{${[...this.live].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
    const size = encoder.encode(json).length;
    let result: AsyncResult;
    if (size > this.host.settingsLimit) {
      result = { status: 'failed', error: { name: 'Error', message: `Settings ${size} byte vượt giới hạn ${this.host.settingsLimit}` } };
    } else {
      // Only a successful save reaches the document.
      this.host.wb.settings.clear();
      for (const [k, v] of this.live) this.host.wb.settings.set(k, v);
      this.host.settingsBytes = size;
      result = { status: 'succeeded' };
    }
    setTimeout(() => done?.(result), 0);
  }
}

export function makeOffice(host: FakeOffice, settings: DocumentSettings): FakeOfficeNamespace {
  const info = { host: 'Excel', platform: host.platform };
  return {
    onReady: (cb) => {
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: { isSetSupported: (n, v) => host.isSetSupported(n, v) },
      document: { settings },
      diagnostics: { platform: host.platform, version: '16.0' },
    },
    HostType: { Excel: 'Excel' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
}
