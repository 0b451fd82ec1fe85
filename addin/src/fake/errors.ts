/**
 * The error the fake throws: the shape of Office.js's RichApi.Error (code,
 * message, debugInfo.code), so the adapter's error handling reads it the same
 * way. In: an Excel error code and a message. Out: a throwable.
 */
export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
  get debugInfo(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}
