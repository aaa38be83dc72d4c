// Steps that act with a session an earlier step obtained: skipped, with the reason, when it failed.
import type { RoleSession } from './workload-identity.ts';

/** The reason to skip a step that needs this session, or undefined when there is one. */
export function noSession(session: RoleSession | undefined): string | undefined {
  return session === undefined ? 'not checked: the session it needs was not obtained (see above)' : undefined;
}

/** The session (the step runs only when `noSession` said there is one). */
export function needSession(session: RoleSession | undefined): RoleSession {
  if (session === undefined) throw new Error('no session');
  return session;
}
