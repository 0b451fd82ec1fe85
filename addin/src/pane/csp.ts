/**
 * The Content-Security-Policy of the pane's pages: the build writes it into
 * each page as a meta tag, and the dev/test server (addin/static.ts) sends it
 * as a header. In: nothing. Out: the policy text.
 *
 * - script-src: our files and Office.js from Microsoft's CDN; no inline
 *   script (legacy.js and commands.js are files for that reason) and no
 *   eval — pdf.js is told isEvalSupported: false.
 * - worker-src: the pdf.js worker, a same-origin module file (pdf.ts).
 * - connect-src: nothing but our origin and Office.js's own, so the pane
 *   cannot send a plan anywhere even by mistake (privacy.html says so).
 * - style-src is left open: Office.js sets inline styles (OfficeDev/office-js#1687).
 * - frame-ancestors is not set: it is ignored in a meta tag, and Microsoft
 *   publishes no list of the domains that frame add-ins in Excel on the web
 *   (on-premises Office Online Server has its own) — a wrong list would
 *   blank the pane. A host that knows its Office may add it (README, Deploy).
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['script-src', "'self' https://appsforoffice.microsoft.com"],
  ['worker-src', "'self'"],
  ['connect-src', "'self' https://appsforoffice.microsoft.com"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
];

export const CSP = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The meta tag the build puts where a page says <!-- CSP -->. */
export const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${CSP}" />`;
