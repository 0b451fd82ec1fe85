// pdfjs-dist ships its minified build without typings of its own: it is the same API as pdf.mjs.
declare module 'pdfjs-dist/legacy/build/pdf.min.mjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
