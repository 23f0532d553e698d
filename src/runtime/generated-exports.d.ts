// Types of generated-exports.js: every value and type of generated/ (the values are loaded on first read).
export * from '../../generated';
