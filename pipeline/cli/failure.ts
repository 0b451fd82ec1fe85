/** Why one input failed, ready for one line: Vietnamese, English, the code, and the technical detail if any. */
export interface Failure {
  /** Stable code (PlanError codes and the batch's own), also written to `<name>.error.json`. */
  code?: string;
  vi: string;
  en: string;
  detail?: string;
  /** Kept for PHULUC_DEBUG=1 only. */
  stack?: string;
}

export function formatFailure(file: string, f: Failure): string {
  return `✗ ${file}: ${f.vi} / ${f.en}${f.detail ? ` (${f.detail})` : ''}${f.code ? ` [${f.code}]` : ''}`;
}
