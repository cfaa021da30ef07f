import path from 'node:path';
import ts from 'typescript';
import * as contracts from './index';

// EventMap is a type, so its keys are read with the compiler: the names it types, as literals.
function eventMapKeys(): string[] {
  const file = path.join(__dirname, 'events.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const map = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'EventMap');
  if (!map) throw new Error('events.ts declares no EventMap');
  return checker.getTypeAtLocation(map).getProperties().map((p) => p.getName());
}

// Every exported `<Owner>Events` constant of @pk/contracts: the event names the apps publish.
function eventConstants(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [exported, value] of Object.entries(contracts)) {
    if (!/Events$/.test(exported) || typeof value !== 'object' || value === null) continue;
    for (const [key, name] of Object.entries(value)) if (typeof name === 'string') names.set(name, `${exported}.${key}`);
  }
  return names;
}

describe('EventMap', () => {
  const keys = eventMapKeys();
  const constants = eventConstants();

  it('types the payload of every event name constant', () => {
    const missing = [...constants].filter(([name]) => !keys.includes(name)).map(([, ref]) => ref);
    expect(missing).toEqual([]);
    expect(constants.size).toBeGreaterThanOrEqual(25);
  });

  it('holds no name that is not an event constant', () => {
    expect(keys.filter((k) => !constants.has(k))).toEqual([]);
  });
});
