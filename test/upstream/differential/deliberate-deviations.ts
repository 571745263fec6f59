/**
 * Where the local control plane answers differently from the real server on purpose, by scripted
 * call label, with the reason. docs/control-plane.md lists each one; the differential test fails on
 * any other difference, and on a listed one that no longer happens.
 */
export const DELIBERATE_DEVIATIONS: Record<string, string> = {
  'pipeline get':
    'GET /pipelines/{name} is in the server swagger file but not routed by it; served here with the documented shape',
};
