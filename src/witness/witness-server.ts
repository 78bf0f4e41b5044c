import Fastify, { type FastifyInstance } from 'fastify';
import type { Cosigner } from '../domain/audit/cosignature.js';
import type { NoteVerifier } from '../domain/audit/signed-note.js';
import {
  judgeCheckpoint,
  parseAddCheckpoint,
  type AddCheckpoint,
  type WitnessVerdict,
} from '../domain/audit/witness.js';
import type { WitnessState } from './witness-state.js';

export interface WitnessOptions {
  readonly cosigner: Cosigner;
  readonly state: WitnessState;
  /** The logs it watches: each origin with the keys its checkpoints must be signed with. */
  readonly logs: ReadonlyMap<string, readonly NoteVerifier[]>;
  readonly now?: () => Date;
}

const STATUS: Readonly<Record<WitnessVerdict['kind'], number>> = {
  cosign: 200,
  bad_request: 400,
  bad_signature: 403,
  unknown_log: 404,
  conflict: 409,
  bad_proof: 422,
};

/**
 * A C2SP tlog-witness (https://c2sp.org/tlog-witness): POST /add-checkpoint with the old size, a
 * consistency proof and a checkpoint; answers a cosignature, or the status the protocol names.
 */
export function witnessServer(options: WitnessOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  const now = options.now ?? (() => new Date());
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post('/add-checkpoint', async (request, reply) => {
    let submitted: AddCheckpoint;
    try {
      submitted = parseAddCheckpoint(String(request.body ?? ''));
    } catch (error) {
      return reply
        .code(400)
        .type('text/plain; charset=utf-8')
        .send(`${(error as Error).message}\n`);
    }
    const verdict = options.state.update(() => {
      const answer = judgeCheckpoint(submitted, (origin) => options.logs.get(origin), options.state.latest);
      return { answer, ...(answer.kind === 'cosign' && { keep: { origin: answer.origin, tree: answer.tree } }) };
    });
    reply.code(STATUS[verdict.kind]);
    if (verdict.kind === 'cosign') {
      const timestamp = Math.floor(now().getTime() / 1000);
      return reply.type('text/plain; charset=utf-8').send(options.cosigner.cosign(verdict.body, timestamp));
    }
    if (verdict.kind === 'conflict') return reply.type('text/x.tlog.size').send(`${verdict.size}\n`);
    const detail = 'detail' in verdict ? verdict.detail : verdict.kind.replaceAll('_', ' ');
    return reply.type('text/plain; charset=utf-8').send(`${detail}\n`);
  });
  return app;
}
