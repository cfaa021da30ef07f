import fs from 'node:fs';
import path from 'node:path';
import { CampaignQueues } from './campaigns';
import { MarkQueues } from './curation';
import { QUEUES_BY_APP } from './jobs';
import { EventSubscriptions, QueueName, QueueTable, Queues, RetentionQueues, subscribersOf } from './queues';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return /\.tsx?$/.test(e.name) && !/\.spec\.ts$/.test(e.name) ? [full] : [];
  });
}

/** The ways code names a queue: its Queues key, or the constant it is grouped under beside its jobs. */
function referencesOf(queue: QueueName): string[] {
  const refs = Object.entries(Queues).filter(([, name]) => name === queue).map(([key]) => `Queues.${key}`);
  for (const [group, table] of Object.entries({ CampaignQueues, MarkQueues })) {
    for (const [key, name] of Object.entries(table)) if (name === queue) refs.push(`${group}.${key}`);
  }
  if ((Object.values(RetentionQueues) as string[]).includes(queue)) refs.push('RetentionQueues[');
  return refs;
}

describe('subscribersOf', () => {
  it('lists every queue subscribed to an event, and none for an unsubscribed one', () => {
    const table = { 'search-events': ['listing.published', 'listing.unpublished'], 'channels-events': ['listing.published'] };
    expect(subscribersOf('listing.published', table).sort()).toEqual(['channels-events', 'search-events']);
    expect(subscribersOf('listing.unpublished', table)).toEqual(['search-events']);
    expect(subscribersOf('order.paid', table)).toEqual([]);
  });
});

describe('QueueTable', () => {
  const queues = Object.values(Queues);
  const appSources = [...sources(path.join(root, 'apps')), ...sources(path.join(root, 'libs'))].filter(
    (f) => !f.startsWith(path.join(root, 'libs/contracts/')),
  );

  it('names every queue once, kebab-case, each with a consumer', () => {
    expect(new Set(queues).size).toBe(queues.length);
    for (const q of queues) expect(q).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(Object.keys(QueueTable).sort()).toEqual([...queues].sort());
  });

  it('is consumed where it says: the named file starts the worker of each queue', () => {
    const unconsumed = queues.filter((queue) => {
      const file = path.join(root, QueueTable[queue].consumedIn);
      if (!fs.existsSync(file)) return true;
      const text = fs.readFileSync(file, 'utf8');
      return !referencesOf(queue).some((ref) => text.includes(ref));
    });
    expect(unconsumed).toEqual([]);
  });

  it('feeds every event queue: a subscriber queue with no events routed to it has nothing to consume', () => {
    const eventQueues = Object.entries(Queues).filter(([key]) => key.endsWith('Events')).map(([, q]) => q);
    expect(eventQueues.filter((q) => !EventSubscriptions[q]?.length)).toEqual([]);
    expect(Object.keys(EventSubscriptions).filter((q) => !eventQueues.includes(q as QueueName))).toEqual([]);
  });

  it('holds every queue the apps use: no queue is named by a written-out string, and each app lists its own', () => {
    const written = /(?:\bqueue\s*:|new (?:Queue|Worker|QueueEvents)(?:<[^>]*>)?\(|@Processor\()\s*(['"`])([^'"`]+)\1/g;
    const inline = appSources.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(written)].map((m) => `${path.relative(root, file)}: ${m[2]}`),
    );
    expect(inline).toEqual([]);
    expect(Object.values(QUEUES_BY_APP).flat().sort()).toEqual([...queues].sort());
  });
});
