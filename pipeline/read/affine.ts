/**
 * 2-D affine transforms as PDF writes them, [a b c d e f] for the matrix
 * [a c e; b d f; 0 0 1]: the page's text and rules placed by pdf.js's
 * transforms (pdf.ts), and the DOMMatrix stand-in pdf.js reads with
 * (pdf-load.ts). No import: the add-in bundles this.
 */
export type Matrix = [number, number, number, number, number, number];

/** m × n: n applied first, then m. */
export function mul(m: readonly number[], n: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = m as Matrix;
  const [a2, b2, c2, d2, e2, f2] = n as Matrix;
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f];
}
