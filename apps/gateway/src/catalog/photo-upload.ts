import type {} from '@fastify/multipart'; // FastifyRequest.parts()
import { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode, inputRefused, newId, printableName, textProblem } from '@pk/core';
import { INCOMING_PREFIX, MediaStore } from '@pk/media';
import { RefusedBeforeSending } from '../rpc/rpc-forwarder';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_PHOTO_MB = MAX_PHOTO_BYTES / 1024 / 1024;

export interface ReceivedPhoto {
  /** Where the raw upload waits for the catalog, which deletes it when done. */
  incomingKey: string;
  fields: Record<string, string>;
}

const tooLarge = () =>
  new DomainError(ErrorCode.payloadTooLarge, `The photo is larger than ${MAX_PHOTO_MB} MB; send a smaller one.`, {
    field: 'file',
    maxBytes: MAX_PHOTO_BYTES,
  });

const incomplete = () =>
  new DomainError(ErrorCode.validationFailed, 'The upload ended before the photo file was complete; send it again.', [
    { field: 'file', messages: ['the form ended early or is malformed (a part or its closing boundary is missing)'] },
  ]);

// busboy's own errors carry no code, only these words: a form cut short or without boundaries.
const MALFORMED_FORM = /unexpected end of multipart data|boundary not found|boundary required|malformed/i;

/** @fastify/multipart's errors, named for the person sending the form. */
function coded(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof Error && !(error as { code?: string }).code && MALFORMED_FORM.test(error.message)) return incomplete();
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return new DomainError(ErrorCode.validationFailed, 'Send one photo per request.', [{ field: 'file', messages: ['only one file'] }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new DomainError(ErrorCode.validationFailed, 'The form has too many fields: send only "file" and "alt".');
    case 'FST_MP_PREMATURE_CLOSE':
      return incomplete();
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new DomainError(ErrorCode.badRequest, 'The multipart form is malformed.');
    default:
      return error;
  }
}

/**
 * Streams the form's one `file` part into the media store under `incoming/` (never through
 * RPC, never whole in memory) and collects its text fields. On any failure the partial upload
 * is deleted before the error goes back.
 */
export async function receivePhoto(req: FastifyRequest, store: MediaStore): Promise<ReceivedPhoto> {
  if (!req.isMultipart()) {
    throw new DomainError(ErrorCode.unsupportedMediaType, 'Send the photo as multipart/form-data with a "file" part.');
  }
  let incomingKey: string | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        const value = String(part.value);
        // The input guard never sees a streamed form: its text is checked here, like any body's.
        const problem = textProblem(part.fieldname) ?? textProblem(value);
        if (problem) throw inputRefused([{ field: printableName(part.fieldname), messages: [problem] }]);
        fields[part.fieldname] = value;
        continue;
      }
      if (part.fieldname !== 'file') {
        throw new DomainError(ErrorCode.validationFailed, 'The photo goes in a part named "file".', [
          { field: part.fieldname, messages: ['unexpected file part; name it "file"'] },
        ]);
      }
      incomingKey = `${INCOMING_PREFIX}${newId()}`;
      await store.put(incomingKey, part.file);
      // Past the limit busboy stops passing bytes on and marks the stream truncated.
      if (part.file.truncated) throw tooLarge();
      if (part.file.bytesRead === 0) {
        throw new DomainError(ErrorCode.validationFailed, 'The photo file is empty; attach the photo itself.', [{ field: 'file', messages: ['the file is empty'] }]);
      }
    }
  } catch (error) {
    if (incomingKey) await store.delete([incomingKey]);
    throw coded(error);
  }
  if (!incomingKey) {
    throw new DomainError(ErrorCode.validationFailed, 'Attach the photo as a part named "file".', [{ field: 'file', messages: ['file is required'] }]);
  }
  return { incomingKey, fields };
}

/**
 * Sends an upload on to the catalog, which deletes it once it has it. One it never got (refused
 * here by the request's schema, or the catalog unreachable) the gateway deletes itself.
 */
export async function handOverUpload<R>(store: MediaStore, incomingKey: string, call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    const neverSent = error instanceof RefusedBeforeSending || (error instanceof DomainError && error.code === ErrorCode.serviceUnavailable);
    if (neverSent) await store.delete([incomingKey]);
    throw error;
  }
}
