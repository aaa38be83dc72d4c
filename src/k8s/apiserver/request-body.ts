// Reading request bodies and writing JSON answers, as the API server does for every route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyJsonPatch, applyMergePatch, JsonPatchError } from './json-patch.ts';
import { copyObject, statusFailure, type KubeObject } from './kube-object.ts';
import { ApiError } from './object-store.ts';
import type { ApiTarget } from './route.ts';

/** The body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as a Kubernetes object (400 when it is not one). */
export async function readObject(req: IncomingMessage): Promise<KubeObject> {
  const text = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(statusFailure(400, 'BadRequest', 'the object provided is unrecognized (must be of type JSON)'));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(statusFailure(400, 'BadRequest', 'the object provided is unrecognized'));
  }
  const object = value as KubeObject;
  if (typeof object.metadata !== 'object' || object.metadata === null) object.metadata = {};
  return object;
}

/** Answers with a JSON body. */
export function reply(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Applies a PATCH body according to its Content-Type (json-patch, merge-patch, strategic merge as merge). */
export function applyPatchBody(contentType: string | undefined, text: string, before: KubeObject): KubeObject {
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  const patch: unknown = JSON.parse(text);
  try {
    switch (type) {
      case 'application/json-patch+json':
        if (!Array.isArray(patch)) throw new JsonPatchError('a JSON patch must be an array');
        return applyJsonPatch(before, patch) as KubeObject;
      // Strategic merge is approximated by a JSON merge patch (lists are replaced, not merged by key).
      case 'application/merge-patch+json':
      case 'application/strategic-merge-patch+json':
        return applyMergePatch(before, patch) as KubeObject;
      default:
        throw new ApiError(statusFailure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json'));
    }
  } catch (error) {
    if (error instanceof JsonPatchError) throw new ApiError(statusFailure(422, 'Invalid', error.message));
    throw error;
  }
}

/** PUT/PATCH keep the stored status on the main resource and everything but status on /status (kinds with a status subresource). */
export function keepOtherHalf(target: ApiTarget, stored: KubeObject, incoming: KubeObject): KubeObject {
  if (!(target.kind.subresources ?? []).includes('status')) return incoming;
  if (target.subresource === 'status') return { ...copyObject(stored), status: incoming['status'], metadata: { ...stored.metadata, resourceVersion: incoming.metadata.resourceVersion } };
  const merged: KubeObject = { ...incoming };
  if (stored['status'] === undefined) delete merged['status'];
  else merged['status'] = stored['status'];
  return merged;
}
