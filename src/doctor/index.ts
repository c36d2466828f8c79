// Public face of the doctor: run it against a URL (deploy calls this after deploying) and render the result.
export { runDoctor, parseDoctorUrl, DoctorUsageError } from './runner.js';
export { renderText, summaryLine } from './report/text.js';
export { renderJson } from './report/json.js';
export type { CheckArea, CheckResult, CheckStatus, DoctorOptions, DoctorReport, LoginCredentials } from './types.js';
