import { ConveyorApplication, type ConveyorApplicationOptions } from '@conveyor-ts/decorators';
import { GitClonerService, type GitClonerConfig } from '../../git-cloner/src';
import { ImagePusherService, type ImagePusherConfig } from '../../image-pusher/src';
import { selectDrivers } from './app-build-drivers';

export interface AppBuildApplicationOptions extends Omit<ConveyorApplicationOptions, 'drivers'> {
  /** Runtime names of the drivers to run (default: all of them). */
  names?: readonly string[];
  /** git-cloner settings; what is not given comes from `GIT_CLONER_*`, then the defaults. */
  gitCloner?: Partial<GitClonerConfig>;
  /** image-pusher settings; what is not given comes from `IMAGE_PUSHER_*`, then the defaults. */
  imagePusher?: Partial<ImagePusherConfig>;
}

/** The app-build pipeline's drivers in one application, their services configured from code. */
export function createAppBuildApplication(options: AppBuildApplicationOptions = {}): ConveyorApplication {
  const { names = [], gitCloner, imagePusher, providers = [], ...application } = options;
  return ConveyorApplication.create({
    ...application,
    drivers: selectDrivers(names),
    providers: [
      // Factories: a service (and its configuration checks) exists only when its driver runs.
      { provide: GitClonerService, useFactory: () => new GitClonerService(gitCloner) },
      { provide: ImagePusherService, useFactory: () => new ImagePusherService(imagePusher) },
      ...providers,
    ],
  });
}
