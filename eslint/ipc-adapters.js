import { IPC_ADAPTERS } from './policy.js';
import { repoPath } from './import-boundaries.js';

const GUARDED = Object.keys(IPC_ADAPTERS);

/**
 * ipcMain / ipcRenderer only in the IPC adapter files (eslint/policy.js):
 * one door into IPC, so every message passes the sender check. Catches
 * named imports, `electron.ipcMain` on a default/namespace import, and
 * destructuring or member access on require('electron').
 * @type {import('eslint').Rule.RuleModule}
 */
export const ipcOnlyInAdapters = {
  meta: {
    type: 'problem',
    docs: { description: 'ipcMain/ipcRenderer may be imported only in the IPC adapter files.' },
    schema: [],
    messages: { denied: '{{name}} may be used only in {{files}} (the IPC adapters); go through them.' },
  },
  create(context) {
    const path = repoPath(context.filename) ?? context.filename;
    const allowedHere = (name) => IPC_ADAPTERS[name].includes(path);
    const report = (node, name) => {
      if (GUARDED.includes(name) && !allowedHere(name)) context.report({ node, messageId: 'denied', data: { name, files: IPC_ADAPTERS[name].join(', ') } });
    };
    const electronNames = new Set();
    const unwrap = (node) => (node && ['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion'].includes(node.type) ? unwrap(node.expression) : node);
    const isRequireElectron = (raw) => {
      const node = unwrap(raw);
      return node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && node.arguments[0].value === 'electron';
    };
    const memberName = (node) => (node.computed ? (node.property.type === 'Literal' ? String(node.property.value) : null) : node.property.name);
    return {
      ImportDeclaration(node) {
        if (node.source.value !== 'electron') return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier') report(s, s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value));
          else electronNames.add(s.local.name);
        }
      },
      VariableDeclarator(node) {
        if (!isRequireElectron(node.init)) return;
        if (node.id.type === 'Identifier') electronNames.add(node.id.name);
        if (node.id.type === 'ObjectPattern') {
          for (const p of node.id.properties) if (p.type === 'Property' && p.key.type === 'Identifier') report(p, p.key.name);
        }
      },
      MemberExpression(node) {
        const name = memberName(node);
        if (!name) return;
        if ((node.object.type === 'Identifier' && electronNames.has(node.object.name)) || isRequireElectron(node.object)) report(node, name);
      },
    };
  },
};
