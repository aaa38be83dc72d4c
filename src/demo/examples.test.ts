// The files under examples/ are what users apply by hand and what `podiam demo` applies: every policy
// must be one IAM accepts (and the corrected ones must pass validation), every manifest must parse, and
// the manifests must agree with the policies they go with.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { serviceCatalog } from '../catalog/index.ts';
import { analyzePolicy, parsePolicy, type PolicyType } from '../policy/index.ts';
import { EXAMPLES_DIR } from './example-files.ts';

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

const files = walk(EXAMPLES_DIR).map((path) => relative(EXAMPLES_DIR, path));
const policies = files.filter((f) => f.endsWith('.json'));
const manifests = files.filter((f) => f.endsWith('.yaml'));
const read = (file: string) => readFileSync(join(EXAMPLES_DIR, file), 'utf8');
/** Trust policies are named so (…-trust.json, …-trust.original.json, seed001-trust-….json). */
const policyType = (file: string): PolicyType => (/trust/.test(basename(file)) ? 'TRUST_POLICY' : 'IDENTITY_POLICY');

/** The seeds' own weaknesses, as IAM Access Analyzer's checks report them. */
const ORIGINAL_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  'policies/seed001-trust-original.json': ['MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL'],
  'seed001/s3-read-object-trust.original.json': ['MISSING_SUB_CONDITION_KEY_FOR_OIDC_PRINCIPAL'],
  'seed002/dev-team-a-tagging.original.json': ['ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE'],
  'seed002/finance-reader-policy.original.json': ['UNSUPPORTED_ACTION_FOR_CONDITION_KEY'],
  'seed003/kube2iam-role-trust.original.json': ['EMPTY_SID_VALUE'],
};

describe('IAM JSON policy reference, "Grammar of the IAM JSON policy language": every policy under examples/ is one IAM accepts', () => {
  it('finds the policies of every seed', () => {
    for (const seed of ['seed000', 'seed001', 'seed002', 'seed003']) expect(policies.some((f) => f.startsWith(`${seed}/`))).toBe(true);
  });

  it.each(policies)('%s parses as its policy type', (file) => {
    const parsed = parsePolicy(read(file), { policyType: policyType(file) });
    expect(parsed.ok ? [] : parsed.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
  });
});

describe('IAM Access Analyzer, "Validate policies with IAM Access Analyzer": corrected policies pass, originals show the seeds\' weaknesses', () => {
  const findingsOf = (file: string): string[] => {
    const parsed = parsePolicy(read(file), { policyType: policyType(file) });
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    return analyzePolicy(parsed.policy, { policyType: policyType(file), catalog: serviceCatalog() }).map((f) => f.issueCode);
  };

  it.each(policies.filter((f) => ORIGINAL_FINDINGS[f] === undefined))('%s has no findings', (file) => {
    expect(findingsOf(file)).toEqual([]);
  });

  it.each(Object.entries(ORIGINAL_FINDINGS))('%s: %s', (file, codes) => {
    expect(findingsOf(file)).toEqual(codes);
  });

  it.each(policies.filter((f) => f.endsWith('.original.json')))('%s has its corrected version beside it', (file) => {
    expect(existsSync(join(EXAMPLES_DIR, file.replace(/\.original\.json$/, '.json')))).toBe(true);
  });
});

interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: {
    serviceAccountName?: string;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: { serviceAccountName?: string } };
  };
}

function documentsOf(file: string): Manifest[] {
  const docs = parseAllDocuments(read(file));
  for (const doc of docs) expect(doc.errors.map((e) => e.message), file).toEqual([]);
  return docs.map((doc) => doc.toJS() as Manifest).filter((m) => m !== null);
}

describe('Kubernetes manifests under examples/ ("Objects In Kubernetes"): YAML that parses, with current API versions', () => {
  const objects = manifests.filter((f) => !f.endsWith('cluster.yaml'));

  it.each(manifests)('%s parses', (file) => {
    expect(documentsOf(file).length).toBeGreaterThan(0);
  });

  it.each(objects)('%s: every object has apiVersion, kind and a name, and no removed API', (file) => {
    for (const m of documentsOf(file)) {
      expect(m.apiVersion).toMatch(/^(v1|apps\/v1)$/);
      expect(m.kind).toMatch(/^(ServiceAccount|Pod|Deployment|DaemonSet|ConfigMap)$/);
      expect(m.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  it.each(objects)('%s: apps/v1 workloads select their own template (spec.selector is required)', (file) => {
    for (const m of documentsOf(file).filter((d) => d.apiVersion === 'apps/v1')) {
      expect(m.spec?.selector?.matchLabels).toBeDefined();
      expect(m.spec?.template?.metadata?.labels).toMatchObject(m.spec?.selector?.matchLabels ?? {});
    }
  });
});

describe('IAM roles for service accounts ("Assign IAM roles to Kubernetes service accounts"): the manifests and trust policies agree', () => {
  const seeds = ['seed000', 'seed001', 'seed002'];
  const accountsOf = (seed: string) => documentsOf(manifests.find((f) => f.startsWith(`${seed}/serviceaccount`)) ?? `${seed}/serviceaccounts.yaml`);

  it.each(seeds)('%s: every pod uses a ServiceAccount the seed defines, annotated with a role ARN', (seed) => {
    const defined = new Map(accountsOf(seed).filter((m) => m.kind === 'ServiceAccount').map((m) => [m.metadata?.name, m.metadata?.annotations?.['eks.amazonaws.com/role-arn']]));
    for (const arn of defined.values()) expect(arn).toMatch(/^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
    const used = manifests
      .filter((f) => f.startsWith(`${seed}/`))
      .flatMap((f) => documentsOf(f))
      .map((m) => m.spec?.serviceAccountName ?? m.spec?.template?.spec?.serviceAccountName)
      .filter((name): name is string => name !== undefined);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(defined.has(name), `${seed}: ServiceAccount ${name}`).toBe(true);
  });

  it.each(seeds)("%s: each web-identity trust names its provider's own keys, and a ServiceAccount the seed defines", (seed) => {
    const defined = new Set(accountsOf(seed).map((m) => `system:serviceaccount:${m.metadata?.namespace ?? 'default'}:${m.metadata?.name ?? ''}`));
    const trusts = policies.filter((f) => f.startsWith(`${seed}/`) && policyType(f) === 'TRUST_POLICY');
    let federated = 0;
    for (const file of trusts) {
      const doc = JSON.parse(read(file)) as { Statement: { Principal?: { Federated?: string }; Condition?: Record<string, Record<string, string>> }[] };
      for (const statement of doc.Statement) {
        const provider = statement.Principal?.Federated;
        if (provider === undefined) continue;
        federated += 1;
        const url = provider.slice(provider.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
        expect(url, file).toMatch(/^127\.0\.0\.1:4577\/oidc\/[\w-]+$/);
        const keys = Object.entries(statement.Condition?.['StringEquals'] ?? {});
        for (const [key] of keys) expect(key.startsWith(`${url}:`), `${file}: ${key}`).toBe(true);
        const sub = keys.find(([key]) => key === `${url}:sub`)?.[1];
        if (sub !== undefined) expect(defined.has(sub), `${file}: ${sub}`).toBe(true);
      }
    }
    expect(federated).toBeGreaterThan(0);
  });
});
