import { ConveyorApiError } from '../conveyor-api-error';

describe('ConveyorApiError.routeNotServed', () => {
  const error = (status: number, message: string, method = 'GET') =>
    new ConveyorApiError(status, message, { method, path: '/runs' }, message);

  it("is true only for the router's own answer to a route it does not serve", () => {
    expect(error(404, 'Cannot GET /runs').routeNotServed).toBe(true);
    expect(error(404, 'Cannot POST /runs', 'POST').routeNotServed).toBe(true);
    expect(error(404, 'Run not found').routeNotServed).toBe(false);
    expect(error(500, 'Cannot GET /runs').routeNotServed).toBe(false);
    expect(error(404, 'Cannot GET /runs', 'POST').routeNotServed).toBe(false);
  });
});
