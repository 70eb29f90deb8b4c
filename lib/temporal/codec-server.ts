import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { PayloadCodec } from '@temporalio/common';
import { hashApiToken } from '../secrets';
import { payloadFromJson, payloadToJson, type JsonPayload } from './payload-codec';

/** What the codec server needs: the codec, the Web UI's origin (CORS) and, optionally, a bearer token. */
export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The Temporal Web UI's origin, e.g. `http://localhost:8233`; the only origin the browser may call from. */
  uiOrigin: string;
  /** When set, `/encode` and `/decode` require `Authorization: Bearer <token>`. */
  token?: string;
}

/**
 * The codec server of Temporal's protocol: `POST /decode` and `POST /encode` take and return
 * `{ payloads: [{ metadata, data }] }` (base64 fields), so the Web UI and `temporal` CLI show decrypted histories.
 */
export function createCodecServerApp(options: CodecServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(cors(new URL(options.uiOrigin).origin));
  if (options.token) app.use(requireToken(options.token));
  app.use(express.json({ limit: '8mb' }));
  app.post(
    '/decode',
    codecRoute((payloads) => options.codec.decode(payloads)),
  );
  app.post(
    '/encode',
    codecRoute((payloads) => options.codec.encode(payloads)),
  );
  return app;
}

type Transform = PayloadCodec['decode'];

function codecRoute(transform: Transform) {
  return async (req: Request, res: Response): Promise<void> => {
    const payloads = (req.body as { payloads?: unknown } | undefined)?.payloads;
    if (!Array.isArray(payloads)) {
      res.status(400).json({ error: { code: 'invalid_body', message: 'Expected { "payloads": [ … ] }.' } });
      return;
    }
    try {
      const result = await transform((payloads as JsonPayload[]).map(payloadFromJson));
      res.json({ payloads: result.map(payloadToJson) });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The payloads could not be transformed.';
      res.status(400).json({ error: { code: 'codec_failed', message } });
    }
  };
}

/** CORS for the Web UI: its origin only, with credentials, the headers it sends, and answered preflights. */
function cors(origin: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
      'Access-Control-Allow-Headers': 'X-Namespace, Content-Type, Authorization',
      Vary: 'Origin',
    });
    if (req.method === 'OPTIONS') res.sendStatus(204);
    else next();
  };
}

/** 401 unless the request carries the configured bearer token (compared as digests, in constant time). */
function requireToken(token: string) {
  const expected = Buffer.from(hashApiToken(token), 'hex');
  return (req: Request, res: Response, next: NextFunction): void => {
    const presented = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const digest = presented ? Buffer.from(hashApiToken(presented), 'hex') : Buffer.alloc(0);
    if (digest.length === expected.length && timingSafeEqual(digest, expected)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer');
    res.status(401).json({ error: { code: 'unauthorized', message: 'Send "Authorization: Bearer <token>".' } });
  };
}
