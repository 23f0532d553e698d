// Experiment for the codegen figure's details, not the shipped generator: preloaded with `node -r`, it makes
// ts-morph's SourceFile.formatText a no-op, to show what the formatting pass costs a generator run.
// The files written that way differ from the real output (indentation of initializers).
'use strict';
const { SourceFile } = require('ts-morph');

SourceFile.prototype.formatText = function formatText() {
  return this;
};
