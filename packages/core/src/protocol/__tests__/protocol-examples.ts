/** The example JSON of protocol section 3, verbatim, as golden inputs. */
export const RESOURCE_JSON =
  '{"id":"0d7c1f3e-5a34-4a4e-9b7e-2f0c8a1d9e11","name":"build-app","pipeline":"flutter-pipeline",' +
  '"resource":"flutter-builder","metadata":{"version":"1"},' +
  '"spec":{"repository":"https://github.com/org/repo","env":[{"name":"A","value":"b"}]}}';

export const DEFINITION_JSON =
  '{"id":"6a1b","name":"flutter-builder","description":"Flutter build job","version":"0.0.1",' +
  '"schema":{"type":"object","properties":{"repository":{"type":"string"}},"required":["repository"]}}';

export const PIPELINE_JSON =
  '{"name":"flutter-pipeline","description":"build APK","version":"","resource":"flutter-builder",' +
  '"steps":[{"id":"1","name":"Start env","driver":"container-start"},' +
  '{"id":"2","name":"Clone","driver":"git-cloner"}],"metadata":null}';

export const DRIVER_MESSAGE_JSON =
  '{"event":"create",' +
  '"payload":"{\\"id\\":\\"0d7c1f3e-5a34-4a4e-9b7e-2f0c8a1d9e11\\",\\"name\\":\\"build-app\\",\\"pipeline\\":\\"flutter-pipeline\\",\\"resource\\":\\"flutter-builder\\",\\"metadata\\":{\\"version\\":\\"1\\"},\\"spec\\":{\\"repository\\":\\"https://github.com/org/repo\\",\\"env\\":[]}}",' +
  '"id":"9b2f4c1d8e7a6b5c4d3e2f1a",' +
  '"run_id":"5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a"}';

export const RESULT_EVENT_JSON =
  '{"event":"driver.result","run_id":"5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a",' +
  '"resource":{"id":"0d7c1f3e-5a34-4a4e-9b7e-2f0c8a1d9e11","name":"build-app","pipeline":"flutter-pipeline",' +
  '"resource":"flutter-builder","metadata":{"version":"1"},"spec":{"repository":"https://github.com/org/repo","env":[]}},' +
  '"driverresult":{"success":true,"message":"container started","data":{"containerID":"c0ffee"},"driver":"container-start"}}';

export const LOG_JSON =
  '{"runid":"5d1c9a8e-2b7f-4c3e-9a1d-0e6f7b8c9d0a","driver":"git-cloner","pipeline":"flutter-pipeline",' +
  '"timestamp":"2026-01-20T10:15:30.123Z","message":"Cloning https://github.com/org/repo"}';
