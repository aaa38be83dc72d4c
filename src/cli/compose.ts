// Composition: which services, doors and recorders make up a podiam server.
import type { ServerParts } from '../server/index.ts';
import { createStsService } from '../sts/index.ts';

/** The parts of the full podiam server. */
export function composeServer(): ServerParts {
  return {
    services: () => [createStsService()],
  };
}
