/** Entry point: configuration → (embedded emulator) → gateway. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { startEmulator } from './emulator/index.js';
import { startGateway, type RunningGateway } from './server.js';

async function main(config: Config): Promise<void> {
  const closers: (() => Promise<void>)[] = [];
  let gateway: RunningGateway;
  if (config.peopleApiUrl === undefined) {
    // Embedded mode: the emulator stands in for Google, and requests without a token act as the
    // demo user. This never happens when PEOPLE_API_URL is set.
    const emulator = await startEmulator({
      port: config.emulatorPort,
      tokens: config.emulatorTokens,
    });
    closers.push(() => emulator.close());
    const demoToken = config.emulatorTokens[0] ?? 'demo';
    gateway = await startGateway(config, { rootUrl: emulator.url, demoToken });
    console.log(
      `People API emulator: ${emulator.url} (users: ${config.emulatorTokens.join(', ')})`,
    );
    console.log(
      `Demo bearer token:   ${demoToken} (requests without Authorization act as this user)`,
    );
  } else {
    gateway = await startGateway(config, { rootUrl: config.peopleApiUrl });
    console.log(`Upstream People API: ${config.peopleApiUrl}`);
  }
  closers.unshift(() => gateway.close());
  console.log(`GraphQL gateway:     ${gateway.url}`);

  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    void (async () => {
      for (const close of closers) await close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  await main(loadConfig());
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
}
