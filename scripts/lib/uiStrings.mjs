// Finds interface text written into renderer code instead of the translation files.
// Biome has no rule for this, so this small check parses each file (Babel's parser, TypeScript and
// JSX) and reports text a person would read: JSX text, the text attributes of an element
// (aria-label, title, placeholder, alt, label), strings under text-named properties
// ({ label: 'Chat' }), and any other string literal that reads as a sentence.
import { parse } from '@babel/parser';

/** Element attributes whose value a person reads or a screen reader speaks. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Object properties that by their name hold interface text. */
const TEXT_PROPERTIES = new Set([
  'label',
  'title',
  'placeholder',
  'hint',
  'description',
  'heading',
  'why',
  'tooltip',
]);

/** Calls whose string arguments are not interface text: translation keys, logs, DOM plumbing, developer errors. */
const NON_TEXT_CALLS = new Set([
  't',
  'i18nKey',
  'log',
  'warn',
  'error',
  'info',
  'debug',
  'querySelector',
  'querySelectorAll',
  'closest',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'matchMedia',
  'getAttribute',
  'setAttribute',
  'setProperty',
  'Error',
  'TypeError',
  'RangeError',
]);

/** Marks a deliberate exception, on the line or the line before, with a reason after it. */
const IGNORE = /i18n-ignore\b/;

/** A sentence: a capitalised word followed by another word, or words ending in sentence punctuation. */
export function readsAsProse(text) {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  if (/^\p{Lu}\p{Ll}+[\s\u00a0]+\p{L}/u.test(trimmed)) return true;
  return /\s/.test(trimmed) && /^\p{L}.*[.?!…:]$/u.test(trimmed);
}

function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier')
    return callee.property.name;
  return '';
}

function attributeName(name) {
  return name.type === 'JSXNamespacedName' ? `${name.namespace.name}:${name.name.name}` : name.name;
}

function propertyName(key) {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return '';
}

/**
 * What the nearest meaningful ancestor says about a string: excluded (a key, a type, an import,
 * a comparison, a non-text call), a text attribute, a text property, a JSX child, or plain code.
 */
function placeOf(ancestors) {
  for (let i = ancestors.length - 1; i >= 1; i -= 1) {
    const node = ancestors[i - 1];
    const child = ancestors[i];
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
      case 'TSLiteralType':
      case 'TSEnumMember':
      case 'SwitchCase':
        if (node.type !== 'SwitchCase' || node.test === child) return { excluded: true };
        return {};
      case 'CallExpression':
      case 'NewExpression':
        if (node.callee !== child && NON_TEXT_CALLS.has(calleeName(node.callee))) return { excluded: true };
        if (node.callee !== child) return {};
        break;
      case 'JSXAttribute': {
        const name = attributeName(node.name);
        return TEXT_ATTRIBUTES.has(name) ? { attribute: name } : { excluded: true };
      }
      case 'ObjectProperty':
        if (node.key === child) return { excluded: true };
        return TEXT_PROPERTIES.has(propertyName(node.key)) ? { property: true } : {};
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        if (node.property === child) return { excluded: true };
        break;
      case 'BinaryExpression':
        if (['===', '!==', '==', '!=', 'in'].includes(node.operator)) return { excluded: true };
        break;
      case 'JSXExpressionContainer':
        if (ancestors[i - 2]?.type === 'JSXElement' || ancestors[i - 2]?.type === 'JSXFragment')
          return { jsxChild: true };
        break;
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'TemplateLiteral':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'ParenthesizedExpression':
      case 'ArrayExpression':
        break;
      default:
        return {};
    }
  }
  return {};
}

/** Every piece of interface text in one file as `{ line, text }`; empty when the file is clean. */
export function uiStringsIn(code, fileName) {
  const ast = parse(code, {
    sourceType: 'module',
    plugins: fileName.endsWith('.tsx') ? ['typescript', 'jsx'] : ['typescript'],
    errorRecovery: false,
  });
  const lines = code.split('\n');
  const found = [];
  const report = (node, value) => {
    const line = node.loc.start.line;
    if (IGNORE.test(lines[line - 1] ?? '') || IGNORE.test(lines[line - 2] ?? '')) return;
    found.push({ line, text: value.trim().replace(/\s+/g, ' ') });
  };
  const check = (node, value, ancestors) => {
    if (!/\p{L}/u.test(value)) return;
    const place = placeOf(ancestors);
    if (place.excluded) return;
    const startsUpper = /^\s*\p{Lu}/u.test(value);
    if (place.attribute || place.jsxChild || (place.property && startsUpper) || readsAsProse(value))
      report(node, value);
  };
  const walk = (node, ancestors) => {
    if (!node || typeof node.type !== 'string') return;
    const path = [...ancestors, node];
    if (node.type === 'JSXText') {
      if (/\p{L}/u.test(node.value)) report(node, node.value);
      return;
    }
    if (node.type === 'StringLiteral') return check(node, node.value, path);
    if (node.type === 'TemplateLiteral') {
      check(node, node.quasis.map((q) => q.value.cooked ?? '').join(' '), path);
      for (const expression of node.expressions) walk(expression, path);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'comments' || key.endsWith('Comments'))
        continue;
      if (Array.isArray(value)) for (const item of value) walk(item, path);
      else if (value && typeof value === 'object') walk(value, path);
    }
  };
  walk(ast.program, []);
  return found;
}
