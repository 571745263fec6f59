import 'reflect-metadata';
import { createTestingDriver } from '@conveyor-ts/decorators/testing';
import { Greeter } from '../greeter.driver';
import { GreetingService } from '../greeting.service';

describe('Greeter', () => {
  const greetings = { greet: jest.fn((who: string) => `hi ${who}`) };
  const build = () =>
    createTestingDriver(Greeter, { providers: [{ provide: GreetingService, useValue: greetings }] });

  it('greets with the provider and logs whom', async () => {
    const driver = build();
    const result = await driver.reconcile({ name: 'hello', spec: { who: 'world' } });

    expect(result).toMatchObject({ success: true, message: 'hi world' });
    expect(greetings.greet).toHaveBeenCalledWith('world');
    expect(driver.logger.messages('info')).toEqual(['greeting world']);
  });

  it('fails a resource without spec.who', async () => {
    await expect(build().reconcile({ name: 'nobody', spec: {} })).resolves.toMatchObject({
      success: false,
      message: 'spec.who is required',
    });
  });
});
