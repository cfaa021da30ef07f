import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/** A call to another app made while a database transaction (and the row locks it took) is open. */
export interface CallUnderLock {
  file: string;
  line: number;
  call: string;
  /** Why the call is under a transaction: the `.transaction(` callback or the function taking one. */
  inside: string;
}

// What reaches another app: ServiceClients' send and sendAsService, or a CheckoutSteps method.
const RPC_METHODS = new Set(['send', 'sendAsService']);
const isClients = (e: ts.Expression) => /(^|\.)clients$/.test(e.getText());
const isSteps = (e: ts.Expression) => /(^|\.)steps$/.test(e.getText());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The back-end sources of every app under `appsDir` (apps/<app>/src/**, specs left out). */
export function appSources(appsDir: string): string[] {
  return readdirSync(appsDir)
    .map((app) => join(appsDir, app, 'src'))
    .filter((src) => { try { return statSync(src).isDirectory(); } catch { return false; } })
    .flatMap(sourceFiles);
}

const isFunctionLike = (n: ts.Node): n is ts.FunctionLikeDeclaration =>
  ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n);

/** Why `fn` runs inside a transaction, or null: a callback handed to `.transaction(`, or a function taking an EntityManager. */
function lockReason(fn: ts.FunctionLikeDeclaration): string | null {
  const parent = fn.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)
    && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'transaction') {
    return `${parent.expression.getText()}(…) callback`;
  }
  const txParam = fn.parameters.find((p) => p.type && ts.isTypeReferenceNode(p.type) && p.type.typeName.getText() === 'EntityManager');
  if (txParam) return `${fn.name?.getText() ?? 'a function'}(${txParam.name.getText()}: EntityManager)`;
  return null;
}

interface ClassInfo {
  name: string;
  // field name -> class name, from the constructor's parameter properties
  fields: Map<string, string>;
  methods: Map<string, ts.MethodDeclaration>;
}

/** `this.x(...)` -> { field: null, method: x }; `this.f.x(...)` -> { field: f, method: x }. */
function thisCall(call: ts.CallExpression): { field: string | null; method: string } | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const target = callee.expression;
  if (target.kind === ts.SyntaxKind.ThisKeyword) return { field: null, method: callee.name.text };
  if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) return { field: target.name.text, method: callee.name.text };
  return null;
}

function isDirectRpc(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  return (RPC_METHODS.has(callee.name.text) && isClients(callee.expression)) || isSteps(callee.expression);
}

/**
 * Finds calls to other apps made inside a database transaction: lexically inside a
 * `.transaction(` callback or a function taking an EntityManager, directly (`clients.send`,
 * `clients.sendAsService`, `steps.*`) or through methods of our own classes that make one (followed
 * through `this.method()` and `this.field.method()`, the field typed by the constructor, to any depth).
 */
export function findCallsUnderLock(files: string[], root: string): CallUnderLock[] {
  const sources = files.map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true));
  const classes = new Map<string, ClassInfo>();
  for (const sf of sources) {
    sf.forEachChild(function visit(node) {
      if (ts.isClassDeclaration(node) && node.name) {
        const info: ClassInfo = { name: node.name.text, fields: new Map(), methods: new Map() };
        for (const m of node.members) {
          if (ts.isConstructorDeclaration(m)) {
            for (const p of m.parameters) if (p.type && ts.isTypeReferenceNode(p.type)) info.fields.set(p.name.getText(), p.type.typeName.getText());
          }
          if (ts.isMethodDeclaration(m) && m.body) info.methods.set(m.name.getText(), m);
        }
        classes.set(info.name, info);
      }
      node.forEachChild(visit);
    });
  }

  // Methods that reach another app, directly or through others: grown until nothing changes.
  const remote = new Set<string>();
  const key = (cls: string, method: string) => `${cls}.${method}`;
  const reaches = (cls: ClassInfo, call: ts.CallExpression): boolean => {
    if (isDirectRpc(call)) return true;
    const t = thisCall(call);
    if (!t) return false;
    const target = t.field === null ? cls.name : cls.fields.get(t.field);
    return !!target && remote.has(key(target, t.method));
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const cls of classes.values()) {
      for (const [name, method] of cls.methods) {
        if (remote.has(key(cls.name, name))) continue;
        let found = false;
        method.forEachChild(function visit(n) {
          if (found) return;
          if (ts.isCallExpression(n) && reaches(cls, n)) found = true;
          n.forEachChild(visit);
        });
        if (found) {
          remote.add(key(cls.name, name));
          grew = true;
        }
      }
    }
  }

  const found: CallUnderLock[] = [];
  for (const sf of sources) {
    const walk = (node: ts.Node, cls: ClassInfo | null, inside: string | null): void => {
      if (ts.isClassDeclaration(node) && node.name) cls = classes.get(node.name.text) ?? null;
      if (isFunctionLike(node)) inside = lockReason(node) ?? inside;
      if (inside && ts.isCallExpression(node) && (isDirectRpc(node) || (cls && reaches(cls, node)))) {
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
        found.push({ file: relative(root, sf.fileName), line: line + 1, call: node.expression.getText(), inside });
      }
      node.forEachChild((child) => walk(child, cls, inside));
    };
    walk(sf, null, null);
  }
  return found;
}

/** Every `setImmediate` in these files: "after the commit" is the outbox's job, not the event loop's. */
export function findSetImmediate(files: string[], root: string): Array<{ file: string; line: number }> {
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((text, i) => (/\bsetImmediate\s*\(/.test(text) ? [{ file: relative(root, f), line: i + 1 }] : [])));
}
