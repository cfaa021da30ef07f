import { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ReplySchemas } from '@pk/contracts/replies';
import { RequestBodyAt, RequestSchemas } from '@pk/contracts/requests';
import type { ZodTypeAny } from 'zod';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { DOCUMENTS, DocumentsMeta, FORWARDS, ForwardsMeta } from './forwards';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
type Operation = {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

const WRITES = new Set(['post', 'put', 'patch']);
// Typed loosely: the library's generic over every zod schema is too deep for the compiler here.
const toJsonSchema = zodToJsonSchema as unknown as (schema: ZodTypeAny, options: Record<string, unknown>) => Schema;

interface Seen {
  path: string[];
}

/**
 * Inlined, a recursive schema (the category tree) would never end: where it refers back to
 * itself the document says so in words and stops, instead of the library's console warning.
 */
const recursion = (_def: unknown, refs: { currentPath: string[] }, seen: Seen | undefined) =>
  seen && seen.path.length < refs.currentPath.length && seen.path.every((p, i) => refs.currentPath[i] === p)
    ? { description: `the same shape as ${seen.path.slice(1).join('/') || 'the whole'}, nested` }
    : ignoreOverride;

/** JSON Schema (OpenAPI 3) of what a client sends (`input`) or reads (`output`). */
export function jsonSchemaOf(schema: ZodTypeAny, io: 'input' | 'output'): Schema {
  const { $schema: _drop, ...json } = toJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none', effectStrategy: io, pipeStrategy: io, override: recursion });
  return json;
}

/** The object schema inside transforms and refinements, to take one field of it. */
function shapeOf(schema: ZodTypeAny): Record<string, ZodTypeAny> | null {
  const def = schema._def as { typeName?: string; schema?: ZodTypeAny; innerType?: ZodTypeAny; in?: ZodTypeAny; shape?: () => Record<string, ZodTypeAny> };
  if (def.typeName === 'ZodObject') return def.shape!();
  const inner = def.schema ?? def.innerType ?? def.in;
  return inner ? shapeOf(inner) : null;
}

function without(json: Schema, names: Set<string>): Schema {
  if (!json.properties) return json;
  const properties = Object.fromEntries(Object.entries(json.properties).filter(([k]) => !names.has(k)));
  const required = (json.required ?? []).filter((k) => !names.has(k));
  return { ...json, properties, ...(required.length ? { required } : { required: undefined }) };
}

/** Every controller class of the app, by name (the swagger operationId is `<Controller>_<method>`). */
function controllers(app: INestApplication): Map<string, Type> {
  const found = new Map<string, Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) found.set(wrapper.metatype.name, wrapper.metatype as Type);
  }
  return found;
}

/**
 * Fills the document's request bodies, query parameters and 2xx response bodies from the
 * contracts: a route marked @Forwards takes its pattern's request and reply schemas, a route
 * marked @Documents the schemas it names.
 */
export function documentContracts(app: INestApplication, document: OpenAPIObject): void {
  const classes = controllers(app);
  for (const [path, item] of Object.entries(document.paths)) {
    const pathParams = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as Operation;
      if (!op?.operationId) continue;
      const [className, methodName] = op.operationId.split('_');
      const handler = classes.get(className)?.prototype?.[methodName] as object | undefined;
      if (!handler) continue;
      const forwards = Reflect.getMetadata(FORWARDS, handler) as ForwardsMeta | undefined;
      const documents = Reflect.getMetadata(DOCUMENTS, handler) as DocumentsMeta | undefined;
      if (forwards) documentForward(op, method, forwards, pathParams);
      if (documents) documentOwn(op, method, documents, pathParams);
    }
  }
}

function documentForward(op: Operation, method: string, meta: ForwardsMeta, pathParams: Set<string>): void {
  const [first] = meta.patterns;
  const request = RequestSchemas[first];
  const skip = new Set([...pathParams, ...meta.gatewaySets]);
  if (request) {
    const bodyAt = RequestBodyAt[first];
    const field = bodyAt ? shapeOf(request)?.[bodyAt.field] : undefined;
    const json = field ? jsonSchemaOf(field, 'input') : without(jsonSchemaOf(request, 'input'), skip);
    if (WRITES.has(method)) setBody(op, json);
    else setQuery(op, json);
  }
  if (meta.redirects) return setRedirect(op);
  const replies = meta.patterns
    .map((p) => ReplySchemas[p])
    .map((s) => (s && meta.replyAt ? shapeOf(s)?.[meta.replyAt] : s))
    .filter((s): s is ZodTypeAny => !!s);
  // Documented only when every pattern the route may answer from has its reply schema.
  if (replies.length && replies.length === meta.patterns.length) {
    const schemas = replies.map((s) => jsonSchemaOf(s, 'output'));
    setReply(op, schemas.length === 1 ? schemas[0] : { anyOf: schemas });
  }
}

function documentOwn(op: Operation, method: string, meta: DocumentsMeta, pathParams: Set<string>): void {
  if (meta.body) setBody(op, jsonSchemaOf(meta.body, 'input'));
  if (meta.query) setQuery(op, without(jsonSchemaOf(meta.query, 'input'), pathParams));
  if (meta.reply) setReply(op, jsonSchemaOf(meta.reply, 'output'));
  if (meta.replyType) setReply(op, { type: 'string' }, meta.replyType);
  void method;
}

function setBody(op: Operation, schema: Schema): void {
  // A form (multipart upload) or a file (CSV) keeps what the route documents itself.
  if (Object.keys(op.requestBody?.content ?? {}).some((type) => type !== 'application/json')) return;
  const empty = !schema.properties || Object.keys(schema.properties).length === 0;
  op.requestBody = { required: !empty, content: { 'application/json': { schema } } };
}

function setQuery(op: Operation, schema: Schema): void {
  const required = new Set(schema.required ?? []);
  const properties = schema.properties ?? {};
  // Query parameters the route documents itself (`format`) stay; the schema's replace the rest.
  const kept = (op.parameters ?? []).filter((p) => p.in !== 'query' || !(p.name in properties));
  const query = Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.has(name), schema: s }));
  op.parameters = [...kept, ...query];
}

function setRedirect(op: Operation): void {
  op.responses = { '302': { description: 'A redirect; the outcome is in the Location header.' } };
}

function setReply(op: Operation, schema: Schema, mediaType = 'application/json'): void {
  op.responses ??= {};
  const status = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s)) ?? '200';
  const response = (op.responses[status] ??= { description: '' });
  response.content = { [mediaType]: { schema } };
}
