import { FastifyInstance, FastifyRequest } from 'fastify';
import { inputProblems, inputRefused } from '@pk/core';

/**
 * Every request's path parameters, query and parsed body are checked before anything else reads
 * them (the auth guard, the curator audit log, DTO validation, the RPC envelope): a NUL, a lone
 * surrogate, a number that overflowed to Infinity or nesting past MAX_INPUT_DEPTH is a 400
 * naming the field. Raw bodies (CSV bytes, a webhook's text) are judged by their own readers.
 */
export function useInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req: FastifyRequest) => {
    const problems = [...inputProblems(req.params), ...inputProblems(req.query), ...inputProblems(req.body)];
    if (problems.length > 0) throw inputRefused(problems);
  });
}
