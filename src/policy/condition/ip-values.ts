// The IpAddress/NotIpAddress operators: does the request address (aws:SourceIp, ...) fall in one of the
// policy's blocks? IAM User Guide, "IAM JSON policy elements: Condition operators" (IP address condition
// operators). Blocks are read once into numeric ranges; a request value that is not an address is not
// comparable, and a policy value that is not an address or block (IAM Access Analyzer: "Type mismatch IP
// range") matches nothing.
import { parseIpAddress, parseIpBlock, type IpAddress } from './ip-address.ts';
import { INCOMPARABLE, MATCH, NO_MATCH, staticValues, type CompiledValues } from './match-result.ts';

let lastText: string | undefined;
let lastAddress: IpAddress | undefined;

/** Reads a request address, remembering the last one (a request's aws:SourceIp is read by many conditions). */
function readAddress(text: string): IpAddress | undefined {
  if (text === lastText) return lastAddress;
  const address = parseIpAddress(text);
  lastText = text;
  lastAddress = address;
  return address;
}

/** Compiles the values of an IpAddress operator (NotIpAddress compares the same way, then negates). */
export function compileIpValues(values: readonly string[]): CompiledValues {
  const v4: number[] = [];
  const v6: bigint[] = [];
  let unreadable = false;
  for (const value of values) {
    const block = parseIpBlock(value);
    if (block === undefined) {
      unreadable = true;
      continue;
    }
    if (block.v4 !== undefined) v4.push(block.v4[0], block.v4[1]);
    if (block.v6 !== undefined) v6.push(block.v6[0], block.v6[1]);
  }
  const otherwise = unreadable ? INCOMPARABLE : NO_MATCH;
  return staticValues((value) => {
    const address = readAddress(value);
    if (address === undefined) return INCOMPARABLE;
    const a4 = address.v4;
    if (a4 >= 0) {
      for (let i = 0; i < v4.length; i += 2) {
        if (a4 >= (v4[i] ?? Infinity) && a4 <= (v4[i + 1] ?? -Infinity)) return MATCH;
      }
    }
    const a6 = address.v6;
    if (a6 !== undefined) {
      for (let i = 0; i < v6.length; i += 2) {
        const low = v6[i];
        const high = v6[i + 1];
        if (low !== undefined && high !== undefined && a6 >= low && a6 <= high) return MATCH;
      }
    }
    return otherwise;
  });
}
