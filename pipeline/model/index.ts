export * from './doc.js';
export * from './deadline.js';
export * from './task.js';
export * from './finding.js';
export * from './document.js';
