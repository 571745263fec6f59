export { describeThrown, toError } from './describe-thrown';
