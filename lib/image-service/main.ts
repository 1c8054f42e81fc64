/** `npm run image-service`: the embedded image service alone, in the foreground. */
import { readServiceEnv } from '@/lib/env';
import { configureService } from './credentials';
import { startImageService } from './server';

async function main(): Promise<void> {
  const env = readServiceEnv();
  const { config: configured, credentialsFile, generated } = configureService(env.settings);
  const service = await startImageService(configured, { port: env.port, host: env.host });
  const { config } = service.core;
  console.log(`Pixvault image service listening on ${service.url}`);
  console.log(`  REST API:   ${service.url}/client/v4/accounts/${config.accountId}/images/v1`);
  console.log(`  Delivery:   ${config.publicUrl}/${config.accountHash}/<image_id>/<variant>`);
  console.log(`  Data:       ${config.dataDir}`);
  if (generated.length > 0) console.log(`  Generated ${generated.join(', ')} on first run; kept in ${credentialsFile}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing in-flight work, then exiting`);
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
