/// <reference types="office-js" />
/**
 * What the adapter needs from Office (Excel.run, the requirement check, the
 * document settings, the platform) and what it reads from it once: the
 * host's capabilities. In: the Office.js globals (or the fake). Out: a Host,
 * its Capabilities, and ExcelError, the one error type the adapter throws.
 */

export type CellValue = string | number | boolean;

/** What the adapter needs from Office: Excel.run, the requirement check and the document settings. */
export interface Host {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(set: string, version: string): boolean;
  settings: Pick<Office.Settings, 'get' | 'set' | 'remove' | 'saveAsync'>;
  /** "OfficeOnline" for Excel on the web (the only host with the 5 MB cap), "PC", "Mac" … */
  platform: string;
}

/** The real host: the Office.js globals. */
export function officeHost(): Host {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (set, version) => Office.context.requirements.isSetSupported(set, version),
    settings: Office.context.document.settings,
    platform: String(Office.context.diagnostics?.platform ?? Office.context.platform ?? 'OfficeOnline'),
  };
}

/** Wait for Office.js to be ready (the pane calls this once); the display language picks the pane's strings. */
export async function officeReady(): Promise<{ host: string | null; language: string }> {
  const info = await Office.onReady();
  let language = 'vi-VN';
  try {
    language = String(Office.context.displayLanguage || language);
  } catch {
    // Outside Office (a page opened in a browser) there is no context: Vietnamese.
  }
  return { host: info.host ? String(info.host) : null, language };
}

export interface Capabilities {
  /** Highest ExcelApi version found (1.1 … 1.9 checked). */
  api: string;
  columnWidths: boolean;
  autofitRows: boolean;
  /** Worksheet.protection (1.2). */
  protection: boolean;
  /** getUsedRange(valuesOnly) (1.2). */
  usedValuesOnly: boolean;
  /** Setting Worksheet.visibility (1.2; reading it is 1.1). */
  hideSheets: boolean;
  appendTableColumn: boolean;
  /** Workbook.names and getItemOrNullObject (1.4). */
  names: boolean;
  /** Range.conditionalFormats (1.6). */
  conditionalFormats: boolean;
  freezePanes: boolean;
  validation: boolean;
  cellProperties: boolean;
  rangeAreas: boolean;
  fillPattern: boolean;
  pageLayout: boolean;
}

export function capabilities(host: Pick<Host, 'isSetSupported'>): Capabilities {
  const has = (v: string) => {
    try {
      return host.isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  const versions = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9'];
  const api = versions.filter(has).pop() ?? '1.0';
  return {
    api,
    columnWidths: has('1.2'),
    autofitRows: has('1.2'),
    protection: has('1.2'),
    usedValuesOnly: has('1.2'),
    hideSheets: has('1.2'),
    appendTableColumn: has('1.4'),
    names: has('1.4'),
    conditionalFormats: has('1.6'),
    freezePanes: has('1.7'),
    validation: has('1.8'),
    cellProperties: has('1.9'),
    rangeAreas: has('1.9'),
    fillPattern: has('1.9'),
    pageLayout: has('1.9'),
  };
}

/** An Excel error with its code (ItemNotFound, ApiNotFound, RequestPayloadSizeLimitExceeded …). */
export class ExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExcelError';
  }
}

export function wrapError(e: unknown): ExcelError {
  if (e instanceof ExcelError) return e;
  const err = e as { code?: string; message?: string; debugInfo?: { code?: string } };
  return new ExcelError(err?.code ?? err?.debugInfo?.code ?? 'GeneralException', err?.message ?? String(e));
}
