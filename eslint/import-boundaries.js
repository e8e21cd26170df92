import { builtinModules } from 'node:module';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZONES } from './policy.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTINS = new Set(builtinModules);

/** Repo-relative path with forward slashes, or null when outside the repository. */
export function repoPath(absolute, root = REPO_ROOT) {
  const rel = relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

export function zoneOf(path) {
  return ZONES.find((zone) => zone.test(path)) ?? null;
}

/** '@scope/name/sub' -> '@scope/name'; 'name/sub' -> 'name'. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function packageAllowed(zone, name) {
  if (zone.packages === 'any') return true;
  return zone.packages.some((allowed) => (allowed.endsWith('/*') ? name.startsWith(allowed.slice(0, -1)) : name === allowed));
}

/**
 * Decides one import. Returns null when allowed, else the message.
 * Exported for the rule's own unit tests.
 */
export function checkImport(fromPath, specifier, root = REPO_ROOT) {
  const zone = zoneOf(fromPath);
  if (!zone) return `${fromPath} belongs to no import zone; add its folder to eslint/policy.js before importing anything.`;
  const bare = specifier.split('?')[0];
  if (bare.startsWith('.') || bare.startsWith('/')) {
    const target = repoPath(resolve(root, dirname(fromPath), bare), root);
    if (target === null) return `'${specifier}' points outside the repository.`;
    if (target.startsWith('node_modules/')) return `'${specifier}' reaches into node_modules by path; import the package by name.`;
    if (zone.zones === 'any') return null;
    if (zone.files?.includes(target)) return null;
    const targetZone = zoneOf(target);
    if (!targetZone) return `'${specifier}' points to ${target}, which belongs to no import zone.`;
    return zone.zones.includes(targetZone.name) ? null : `${zone.name}/ may not import from ${targetZone.name}/ ('${specifier}'). Allowed: ${zone.zones.join(', ')}.`;
  }
  if (bare.startsWith('node:') || BUILTINS.has(packageName(bare))) {
    if (!zone.nodeBuiltins) return `${zone.name}/ may not use Node built-in '${specifier}': this code also runs where Node does not.`;
    return bare.startsWith('node:') ? null : `Write Node built-ins with the node: prefix ('node:${bare}').`;
  }
  const name = packageName(bare);
  if (packageAllowed(zone, name)) return null;
  return `${zone.name}/ may not import the package '${name}': not in its allow-list (${zone.packages === 'any' ? 'any' : zone.packages.join(', ')}) in eslint/policy.js.`;
}

/** Every way a module can be named in source: import/export from, import(), require(), import x = require(), import('x').T. */
function sourceNodes(report) {
  const literal = (node) => {
    if (node && node.type === 'Literal' && typeof node.value === 'string') report(node, node.value);
    else if (node && node.type === 'TemplateLiteral' && node.expressions.length === 0) report(node, node.quasis[0]?.value.cooked ?? '');
  };
  return {
    ImportDeclaration: (node) => literal(node.source),
    ExportNamedDeclaration: (node) => node.source && literal(node.source),
    ExportAllDeclaration: (node) => literal(node.source),
    ImportExpression: (node) => literal(node.source),
    TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && literal(node.moduleReference.expression),
    TSImportType: (node) => literal(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source ?? node.argument),
    CallExpression: (node) => {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) literal(node.arguments[0]);
    },
  };
}

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Default-deny import boundaries between shared/, renderer/, electron/ and their package allow-lists (eslint/policy.js).' },
    schema: [],
    messages: { denied: '{{message}}' },
  },
  create(context) {
    const from = repoPath(context.filename);
    if (from === null) return {};
    return sourceNodes((node, specifier) => {
      const message = checkImport(from, specifier);
      if (message) context.report({ node, messageId: 'denied', data: { message } });
    });
  },
};

export { REPO_ROOT };
