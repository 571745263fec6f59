import { ConveyorApplication, DriverValidationError } from '@conveyor-ts/decorators';

// This file imports no driver: discovery has nothing to find, as when a user forgets the import.
describe('discovery with no driver imported', () => {
  it('explains that driver files must be imported, or listed', () => {
    let error: unknown;
    try {
      ConveyorApplication.create({ handleSignals: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriverValidationError);
    expect((error as Error).message).toBe(
      [
        'Cannot start the drivers, 1 problem found (nothing was connected):',
        '  - application: no @Driver() class was found. Discovery only sees classes whose files were imported ' +
          '(executed) before the application is created; a file imported only with `import type`, or whose imports ' +
          "were all elided because only types were used, never runs. Import the driver files (`import './git-cloner.driver';`) " +
          'or list them: { drivers: [GitCloner] }.',
      ].join('\n'),
    );
  });
});
