// What the analyzer needs to know about AWS services: their actions, resource types and condition keys,
// as the Service Authorization Reference ("Actions, resources, and condition keys for AWS services")
// publishes them, and the global condition keys of the IAM User Guide ("AWS global condition context keys").
// The catalog is data; this folder only describes it, and src/catalog/ implements it.

/** A condition key's data type as the Service Authorization Reference names it. */
export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'Bool'
  | 'ArrayOfBool'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'Binary'
  | 'ArrayOfBinary';

/** A resource type an action applies to. */
export interface ActionResourceType {
  /** The resource type's name within its service (`object`, `bucket`, `role`). */
  readonly name: string;
  /** Whether the action always applies to this resource type (marked `*` in the reference). */
  readonly required: boolean;
  /** Condition keys that apply when the action acts on this resource type (as written, maybe templates). */
  readonly conditionKeys: readonly string[];
}

/** An action of a service. */
export interface CatalogAction {
  /** The service prefix, lower case (`s3`). */
  readonly service: string;
  /** The action name as AWS spells it (`GetObject`). */
  readonly name: string;
  /** Resource types; empty when the action supports no resource-level permissions. */
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys the action supports, as written (`aws:RequestTag/${TagKey}`, `s3:prefix`). */
  readonly conditionKeys: readonly string[];
}

/** A resource type of a service. */
export interface CatalogResourceType {
  readonly service: string;
  readonly name: string;
  /** ARN formats with `${Partition}`, `${Region}`, `${Account}` and other placeholders. */
  readonly arnFormats: readonly string[];
  readonly conditionKeys: readonly string[];
}

/** A condition key with its type. Keys may be templates (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`). */
export interface CatalogConditionKey {
  readonly key: string;
  /** The types the key accepts; more than one only for keys such as `aws:EpochTime` (Date or Numeric). */
  readonly types: readonly ConditionKeyType[];
}

/** Synchronous look-ups into the service authorization data. Names compare case-insensitively. */
export interface ServiceCatalog {
  /** True when `prefix` is a service prefix. */
  hasService(prefix: string): boolean;
  /** Every service prefix, lower case. */
  servicePrefixes(): readonly string[];
  /** The actions of a service; empty for an unknown service. */
  actions(service: string): readonly CatalogAction[];
  /** One action of a service. */
  action(service: string, name: string): CatalogAction | undefined;
  /** One resource type of a service. */
  resourceType(service: string, name: string): CatalogResourceType | undefined;
  /** Every resource type, of any service, whose ARN format has this service segment (`arn:aws:<arnService>:...`). */
  resourceTypesForArnService(arnService: string): readonly CatalogResourceType[];
  /** The service-specific condition key that `key` names, templates expanded. */
  serviceConditionKey(service: string, key: string): CatalogConditionKey | undefined;
  /**
   * The services that define keys under a prefix that is not a service prefix, such as the identity
   * providers' claims (`accounts.google.com:aud` belongs to `sts`) or `saml:`.
   */
  conditionKeyPrefixOwners(prefix: string): readonly string[];
  /** The global (`aws:`) or cross-service condition key that `key` names, templates expanded. */
  globalConditionKey(key: string): GlobalConditionKey | undefined;
  /** True when AWS Organizations resource control policies can name the service's actions. */
  supportsResourceControlPolicies(service: string): boolean;
}

/** A global condition context key. */
export interface GlobalConditionKey extends CatalogConditionKey {
  /** True for multivalued keys (a set of values in the request context). */
  readonly multivalued: boolean;
}

/** True when a key's type is multivalued (`ArrayOf...`). */
export function isMultivaluedType(type: ConditionKeyType): boolean {
  return type.startsWith('ArrayOf');
}

const TEMPLATE_PART = /\$\{[^}]*\}|<[^>]*>/;

/**
 * True when a condition key as written in a policy is an instance of a key template from the reference:
 * `aws:ResourceTag/team` of `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/x` of `s3:ExistingObjectTag/<key>`.
 * Condition key names compare case-insensitively (IAM User Guide, "IAM JSON policy elements: Condition").
 */
export function conditionKeyMatches(template: string, key: string): boolean {
  if (!TEMPLATE_PART.test(template)) return template.toLowerCase() === key.toLowerCase();
  const source = template
    .split(TEMPLATE_PART)
    .map((part) => part.replace(/[\\^$.|+()[\]{}*?/-]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${source}$`, 'is').test(key);
}
