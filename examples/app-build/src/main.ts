import { createAppBuildApplication } from './app-build-application';

/**
 * Runs the app-build pipeline's drivers: both in one process by default, or only those named,
 * e.g. `main.ts git-cloner` on one machine and `main.ts image-pusher` on another (sharing the
 * workspace disk). Endpoints come from the environment (CONVEYOR_NATS_URL, CONVEYOR_API_URL);
 * git-cloner reads GIT_CLONER_*, image-pusher IMAGE_PUSHER_*. SIGINT/SIGTERM stop it gracefully.
 */
async function main(names: readonly string[]): Promise<void> {
  const app = createAppBuildApplication({ names });
  await app.start();
  console.log(`app-build drivers running: ${app.drivers.map((d) => d.name).join(', ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
