// `podiam serve`: the control plane — IAM, STS, Organizations (and later S3 and the OIDC issuers) on
// one endpoint, over the store, with the compiled snapshot on the hot paths.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { CallRecorder, ServiceDefinition, ServiceSettings } from '../api/index.ts';
import { loadKeyring, type SessionKeyring } from '../identity/index.ts';
import { openStore, type Store, type StoreOptions } from '../store/index.ts';
import { handleApiRequest, isApiRequest } from './api-door.ts';
import { bootstrap, writeCliFiles, type AdminCredentials } from './bootstrap.ts';
import { listenAddress, type ServeConfig } from './config.ts';
import { createHttpServer, drain, readBody, type FrontDoor } from './http-server.ts';
import { createServerMetrics, type AuditQueueStats } from './server-metrics.ts';
import { SnapshotHolder } from './snapshot-holder.ts';

/** What the services are built from. */
export interface ServiceFactoryDeps {
  readonly store: Store;
  /** How the store was opened, for parts that open their own connection (the audit writer's thread). */
  readonly storeOptions: StoreOptions;
  readonly settings: ServiceSettings;
  readonly logger: Logger;
}

/** What extra front doors are built from: doors that verify, authorize and record their own calls (S3). */
export interface DoorDeps extends ServiceFactoryDeps {
  readonly holder: SnapshotHolder;
  readonly keyring: () => SessionKeyring;
  readonly record: CallRecorder;
  readonly now: () => Date;
  readonly dataDir: string;
}

/** Builds the services and the audit recorder of a server (composition lives in the CLI). */
export interface ServerParts {
  services(deps: ServiceFactoryDeps): readonly ServiceDefinition[];
  recorder?(deps: ServiceFactoryDeps): { record: CallRecorder; flush(): Promise<void>; stats?(): AuditQueueStats };
  extraDoors?(deps: DoorDeps): readonly FrontDoor[];
  /** Runs once after bootstrap, before the first snapshot is built (e.g. seeding AWS managed policies). */
  init?(deps: ServiceFactoryDeps): Promise<void>;
}

/** A running server. */
export interface RunningServer {
  readonly url: string;
  readonly admin: AdminCredentials;
  readonly store: Store;
  readonly holder: SnapshotHolder;
  close(): Promise<void>;
}

const MAX_API_BODY = 1024 * 1024;

/** Starts `podiam serve` with this configuration. */
/**
 * The server's log: JSON lines on stdout, written asynchronously (lines written while a write is in
 * flight go out together), so that logging every request does not cost a blocking write each.
 */
function serverLogger(level: string): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false }));
}

export async function startServer(config: ServeConfig, parts: ServerParts, logger: Logger = serverLogger(config.logLevel)): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true });
  const storeOptions: StoreOptions =
    config.databaseUrl !== undefined ? { kind: 'postgres', connectionString: config.databaseUrl } : { kind: 'sqlite', path: join(config.dataDir, 'podiam.db') };
  const store = await openStore(storeOptions);
  const now = () => new Date();
  const settingsRef: { value: ServiceSettings } = {
    value: { publicBaseUrl: config.publicBaseUrl ?? `http://${config.listen}`, managementAccountId: config.accountId, defaultRegion: config.region },
  };
  const deps: ServiceFactoryDeps = {
    store,
    storeOptions,
    logger,
    get settings() {
      return settingsRef.value;
    },
  };
  await parts.init?.(deps);
  // After init: the administrator gets the AWS managed AdministratorAccess where init seeded it.
  const admin = await bootstrap(store, {
    accountId: config.accountId,
    now: now(),
    ...(config.adminAccessKeyId !== undefined && config.adminSecretAccessKey !== undefined
      ? { adminKey: { accessKeyId: config.adminAccessKeyId, secretAccessKey: config.adminSecretAccessKey } }
      : {}),
  });
  let keyring: SessionKeyring = await loadKeyring(store, now());
  const keyTimer = setInterval(() => {
    loadKeyring(store, now()).then((k) => (keyring = k), (err: unknown) => logger.error({ err }, 'session key rotation failed'));
  }, 3600_000);
  keyTimer.unref();
  const holder = await SnapshotHolder.open(store);
  holder.watch(1000, (err) => logger.error({ err }, 'snapshot refresh failed'));

  const { host, port } = listenAddress(config);
  let ready = false;
  const services = parts.services(deps);
  const recorder = parts.recorder?.(deps) ?? { record: () => undefined, flush: async () => undefined };
  const stats = recorder.stats?.bind(recorder);
  const metrics = createServerMetrics({ ...(stats !== undefined ? { audit: stats } : {}), revision: () => holder.current.revision });
  const record = metrics.counting(recorder.record);
  const apiDoor: FrontDoor = {
    name: 'api',
    claims: isApiRequest,
    async handle(req, _res, requestId) {
      const body = await readBody(req, MAX_API_BODY);
      if (body === undefined) {
        return { status: 413, headers: { 'content-type': 'text/plain' }, body: 'Request body too large' };
      }
      return handleApiRequest(req, body, requestId, {
        services,
        holder,
        keyring: () => keyring,
        store,
        settings: settingsRef.value,
        record,
        now,
        logger,
      });
    },
  };
  const doorDeps: DoorDeps = {
    store,
    storeOptions,
    logger,
    get settings() {
      return settingsRef.value;
    },
    holder,
    keyring: () => keyring,
    record,
    now,
    dataDir: config.dataDir,
  };
  const doors = [...(parts.extraDoors?.(doorDeps) ?? []), apiDoor];
  const server = createHttpServer(doors, { logger, isReady: () => ready, metrics });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  if (config.publicBaseUrl === undefined) settingsRef.value = { ...settingsRef.value, publicBaseUrl: url };
  await writeCliFiles(config.dataDir, admin, config.region, url);
  ready = true;
  logger.info({ url, dataDir: config.dataDir, accountId: config.accountId }, 'podiam serve is ready');
  return {
    url,
    admin,
    store,
    holder,
    async close() {
      ready = false;
      clearInterval(keyTimer);
      holder.stop();
      await drain(server, 10_000);
      await recorder.flush();
      await store.close();
      logger.flush();
    },
  };
}

export { parseServeConfig, configFromEnv, configFromFlags, serveFlagOptions, type ServeConfig } from './config.ts';
export type { FrontDoor } from './http-server.ts';
export type { AuditQueueStats } from './server-metrics.ts';
export { readBody } from './http-server.ts';
export type { SnapshotHolder } from './snapshot-holder.ts';
