import { randomBytes } from 'node:crypto';
import { Subjects } from '@conveyor-ts/core';
import type { Services } from '../../services';
import { decodeDriverMessage } from '../../wire/decode-bodies';
import { HttpError } from '../http-error';
import { readJsonBody } from '../read-json-body';
import type { Route } from '../request-context';
import { sendJson } from '../respond';

/**
 * `POST /drivers/broadcast-message` (protocol §5), a legacy route: the server gives the message a new
 * id and publishes it on the core subject `application`, where nothing listens today. The server also
 * keeps a copy in etcd that nothing reads; the control plane keeps none.
 */
export function messageRoutes(services: Services): Route[] {
  const unparsable = (): HttpError => new HttpError(400, 'could not parse request body');
  return [
    {
      method: 'POST',
      path: '/drivers/broadcast-message',
      async handle(ctx) {
        const decoded = decodeDriverMessage(await readJsonBody(ctx, unparsable));
        if ('problem' in decoded) throw unparsable();
        // 12 random bytes in hex, like the server's GenerateRandomID.
        const message = { ...decoded.value, id: randomBytes(12).toString('hex') };
        services.publishCore(Subjects.broadcastMessage, new TextEncoder().encode(JSON.stringify(message)));
        sendJson(ctx.res, 200, { message: 'message published' });
      },
    },
  ];
}
