// A JWKS supplied as text (`kubectl get --raw /openid/v1/jwks` output), checked by the rules STS applies
// to a fetched one before it is stored.
import { awsError } from '../aws/index.ts';
import { checkJwksDocument } from '../oidc/index.ts';
import type { JsonObject, JwksDocument } from '../store/index.ts';

/** The parsed document, or InvalidParameterException saying what is wrong with it. */
export function readJwksText(text: string): JwksDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw awsError('InvalidParameterException', 'Jwks is not a JSON document.');
  }
  const checked = checkJwksDocument(json);
  if (!checked.ok) throw awsError('InvalidParameterException', `Jwks is not usable: ${checked.reason}.`);
  return { keys: (json as { keys: JsonObject[] }).keys };
}
