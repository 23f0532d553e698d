// Every string the generator reads from a WSDL, an XSD or a dictionary is foreign: each function here makes one
// safe for one destination (a TS string literal, a comment, a JSDoc, a report or log line, a markdown cell).

/** Line terminators of JavaScript (LF, CR, LS, PS) and of other readers (NEL, VT, FF). */
const LINE_BREAKS = /\r\n?|[\n\u2028\u2029\u0085\u000b\u000c]/g;
/** C0 and C1 controls, DEL, and the bidirectional overrides and isolates that make a line read otherwise than it is. */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Lone surrogates: not text, and printed as garbage (or refused) by the tools that read the output. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A single-quoted TypeScript string literal of `text`: backslash and quote escaped, every line terminator,
 * control, bidirectional control and lone surrogate written as an escape, so the literal is one line whose
 * value is exactly `text`.
 */
export function tsString(text: string): string {
  const body = text.replace(
    new RegExp(
      String.raw`[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]` +
        String.raw`|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`,
      'g',
    ),
    (c) => {
      switch (c) {
        case '\\':
          return '\\\\';
        case "'":
          return "\\'";
        case '\n':
          return '\\n';
        case '\r':
          return '\\r';
        case '\t':
          return '\\t';
        default:
          return hex(c);
      }
    },
  );
  return `'${body}'`;
}

/**
 * Text inside a block comment (`/* ... *\/` or JSDoc): `*\/` cannot end the comment (written `*\/`), every line
 * terminator becomes '\n' (the emitter starts a ` * ` line there), controls and lone surrogates become U+FFFD,
 * and a line starting with '@' cannot forge a JSDoc tag (written '\@').
 */
export function docText(text: string): string {
  return text
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROLS, '\ufffd')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\*\//g, '*\\/')
    .replace(/(^|\n)(\s*)@/g, '$1$2\\@');
}

/** Text of a `//` line comment, or any single line of generated code: no line terminator, no control. */
export function lineCommentText(text: string): string {
  return docText(text).replace(/\n/g, ' ');
}

/**
 * A foreign string in a report or log line (stdout, stderr, CI logs): one line, with line terminators and
 * controls shown as escapes (`\n`, `\u2028`), so a name cannot start a forged line or rewrite the terminal;
 * cut at `max` characters.
 */
export function reportText(text: string, max = 300): string {
  const shown = text.replace(
    new RegExp(`${LINE_BREAKS.source}|${CONTROLS.source}|${LONE_SURROGATE.source}`, 'g'),
    (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\r\n' ? '\\r\\n' : hex(c)),
  );
  return shown.length > max ? `${shown.slice(0, max)}...` : shown;
}

/**
 * A foreign string in a markdown report (a table cell, a list item): reportText, with what could end the cell
 * or the item, open HTML, a code span or a link escaped (backslash first, so an escape cannot be undone).
 */
export function markdownText(text: string, max = 300): string {
  return reportText(text, max).replace(/[\\|`<[\]]/g, (c) => `\\${c}`);
}

/**
 * A module specifier written into generated imports (the runtime import the caller chose): refused when it
 * holds a quote, a backslash or a control, rather than escaped, as a specifier is also a path.
 */
export function assertModuleSpecifier(specifier: string, what: string): string {
  if (specifier === '' || /['"`\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(specifier)) {
    throw new Error(
      `${what} ${reportText(JSON.stringify(specifier), 100)}` +
        ` is not a module specifier (no quotes, backslashes or control characters)`,
    );
  }
  return specifier;
}
